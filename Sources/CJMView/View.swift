enum View {}
