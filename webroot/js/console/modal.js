// The console's modal dialogs (an alert's acknowledge or resolve, a case's action, a new case) are wired
// alike: the form submits without leaving the page, 取消 closes, and closing forgets what it was open for.
/** @param els {dialog, form, cancel} */
export function wire(els, onSubmit, onClose) {
  els.form.addEventListener('submit', (event) => {
    event.preventDefault();
    onSubmit();
  });
  els.cancel.addEventListener('click', () => els.dialog.close());
  els.dialog.addEventListener('close', onClose);
}
