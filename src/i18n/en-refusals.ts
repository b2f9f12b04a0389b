/**
 * English words of the refusals that had only the throw site's English: loyalty (claiming rewards,
 * customers, adjustments, blocks, tiers), operators, returns, sign-in, the commit, the chain's holds
 * and the back office's own (`cli.error.<CODE>`, read by src/admin/refusal.ts before `error.<CODE>`).
 * Every slot is a value the throw site passes as a param (the test in test/i18n/refusal-codes.test.ts
 * finds each code thrown in src/ and machines/ and wants its words in every catalog).
 * vi-, zh-, ru-refusals.ts: the same keys.
 */
export const enRefusals = {
  // ------------------------------------------------------------ loyalty: rewards and points on a sale
  'error.LOYALTY_CARD_BLOCKED': 'This loyalty card is blocked.',
  'error.PROGRAM_UNKNOWN': 'There is no loyalty program {program}.',
  'error.PROGRAM_INACTIVE': 'The program “{program}” is not running.',
  'error.REWARD_UNKNOWN': 'There is no such reward.',
  'error.REWARD_MIN_BALANCE': 'This reward needs a balance of at least {min} points.',
  'error.REWARD_NOT_APPLICABLE': 'This reward cannot take anything more off this sale.',
  'error.REWARD_PRODUCT_MISSING': 'The free product of this reward is not in the catalog.',
  'error.NO_SUCH_REWARD': 'That reward is not on the sale.',
  'error.INSUFFICIENT_POINTS': 'Not enough points.',
  'error.POINTS_INVALID': 'Enter a number of points greater than zero.',
  'error.POINTS_STEP': 'Points are spent in steps of {step}.',
  'error.POINTS_EXCEED_LIMIT': 'At most {max} points can be used on this sale.',
  'error.POINTS_TOO_FEW': 'Too few points to take anything off.',
  'error.POINTS_UNKNOWN': 'The chain has no points for this customer in this program yet.',
  // ------------------------------------------------------------ loyalty: customers, adjustments, blocks, tiers
  'error.CUSTOMER_NAME_REQUIRED': 'Enter the customer’s name.',
  'error.CUSTOMER_NAME_TOO_LONG': 'A name can have at most {max} characters.',
  'error.PHONE_INVALID': 'Enter a phone number of 6 to 15 digits.',
  'error.PHONE_TAKEN': 'Another customer has this phone number.',
  'error.EMAIL_INVALID': 'That e-mail address is not valid.',
  'error.CARD_NUMBER_INVALID': 'A card number is 13 digits starting with {prefix}, with a valid check digit.',
  'error.CARD_NUMBER_TAKEN': 'This card number belongs to another customer.',
  'error.BAD_POINTS': 'Enter a number of points other than zero.',
  'error.REASON_TOO_LONG': 'A reason can have at most {max} characters.',
  'error.CARD_ALREADY_BLOCKED': 'This card is already blocked.',
  'error.CARD_NOT_BLOCKED': 'This card is not blocked.',
  'error.TIER_UNKNOWN': 'There is no tier "{tier}".',
  'error.TIER_UNCHANGED': 'The customer already has this tier.',
  // ------------------------------------------------------------ operators
  'error.OPERATOR_ID': 'An operator code is 1 to 16 letters, digits, "-" or "_".',
  'error.OPERATOR_EXISTS': 'Operator {id} already exists.',
  'error.OPERATOR_NAME': 'An operator needs a name of at most 40 characters.',
  'error.OPERATOR_ROLE': 'The role is one of: {roles}.',
  'error.OPERATOR_CARD': 'A badge code is 4 to 64 printable characters.',
  'error.OPERATOR_CARD_TAKEN': 'That badge code is already in use.',
  'error.LAST_MANAGER': '{name} is the only manager: add another manager first.',
  'error.SIGN_IN_OFF': 'Sign-in is off: this store has no operators yet (till operator add).',
  // ------------------------------------------------------------ returns, the commit, the register
  'error.NO_RECEIPT_ITEMS': 'Without a receipt, scan or type the items that come back.',
  'error.RETURN_HAS_RECEIPT': 'This return has a receipt: pick its lines.',
  'error.NOTHING_DUE': 'Nothing is due on this exchange.',
  'error.COMMIT_FAILED': 'The sale could not be saved: {detail}',
  'error.INTERNAL_ERROR': 'The step failed unexpectedly: {detail}',
  'error.REGISTER_STOPPED': 'The register has stopped. Restart till.',
  'error.INVALID_IN_STATE': '"{cmd}" is not possible while the register is in "{status}".',
  'error.GIFT_CARD_NOT_ACTIVE': 'Gift card {card} is not active in the chain.',
  // ------------------------------------------------------------ the back office's own
  'cli.error.EXPORT_FAILED': 'Cannot write {file}: {error}. No card was created.',
  'cli.error.CONFIG_CURRENCY': 'The store keeps its books in {store} but the configuration says {config}. Fix "currency" in the configuration.',
  'cli.error.DRIVER_UNAVAILABLE': 'hardware.drawer "printer" needs a real printer (hardware.printer "usb" or "network").',
  'cli.error.PIN_MISMATCH': 'The two PINs differ; nothing was changed.',
  'cli.error.CANCELLED': 'Cancelled.',
  // ------------------------------------------------------------ usage refusals worded where they are raised
  'cli.usage.doctorTimeout': '--timeout must be a number of seconds (1-3600), got "{value}"',
  'cli.usage.syncExtra': 'till sync {sub} takes no "{extra}"',
  'cli.usage.syncPullOnlyJson': 'till sync pull takes only --json',
  'cli.error.HQ_CURRENCY': 'The chain keeps its books in {chain}; this store is in {store}. Nothing was changed.',
};
