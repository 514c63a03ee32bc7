"""The 优惠券 section: the list and ledger, issuing and redeeming."""
