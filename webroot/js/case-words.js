// The closed loop's category and urgency names (the API's keys), one table for every page that shows a case:
// the console's case tab and the field page's task tab spread it into their texts.
export const CASE_WORDS = {
  zh: {
    'cat.petition': '信访',
    'cat.sanitation': '环境卫生',
    'cat.checkpoint': '卡口',
    'cat.other': '其他',
    'urg.normal': '一般',
    'urg.urgent': '紧急',
    'urg.emergency': '特急',
  },
  en: {
    'cat.petition': 'Petition',
    'cat.sanitation': 'Sanitation',
    'cat.checkpoint': 'Checkpoint',
    'cat.other': 'Other',
    'urg.normal': 'Normal',
    'urg.urgent': 'Urgent',
    'urg.emergency': 'Emergency',
  },
};
