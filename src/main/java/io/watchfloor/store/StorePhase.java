package io.watchfloor.store;

/** The store's start-up, one state at a time; each says what a request gets while it holds. */
sealed interface StorePhase permits StorePhase.Connecting, StorePhase.Rebuilding, StorePhase.Accepting {

  /** Why a request of this kind is refused now, or null when it may go ahead. */
  StoreUnavailable refusal(boolean writes);

  /** Not open yet: every request is refused, with the last reason the store gave. */
  record Connecting(String reason) implements StorePhase {
    @Override
    public StoreUnavailable refusal(boolean writes) {
      return new StoreUnavailable("the store is not open: " + reason, 2, null);
    }
  }

  /** Open, while the live picture rebuilds from it: reads are served, reports are refused. */
  record Rebuilding() implements StorePhase {
    @Override
    public StoreUnavailable refusal(boolean writes) {
      return writes ? new StoreUnavailable("starting: the live picture is being rebuilt", 1, null) : null;
    }
  }

  /** Reports are taken. */
  record Accepting() implements StorePhase {
    @Override
    public StoreUnavailable refusal(boolean writes) {
      return null;
    }
  }
}
