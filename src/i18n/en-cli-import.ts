/**
 * English words of `till import`'s per-row reasons and whole-file refusals: the domain
 * (src/domain/catalog-import.ts) gives a code and its values, `cli.import.reason.<CODE>` and
 * `cli.import.fatal.<CODE>` say it (src/i18n/import-reason.ts). vi-, zh-, ru-cli-import.ts: the same keys.
 */
export const enCliImport = {
  'cli.import.reason.FIELDS_FEW': 'has {fields} fields, the header has {header}',
  'cli.import.reason.FIELDS_MANY': 'column {column}: has {fields} fields, the header has {header} (a decimal comma or a comma in a name must be inside "quotes")',
  'cli.import.reason.CONTROL_CHAR': 'column {column}: a control character ({char}) is not allowed in a field',
  'cli.import.reason.SKU_BAD': 'column {column} (sku): must be 1-64 printable characters without spaces',
  'cli.import.reason.NAME_EMPTY': 'column {column} (name): is empty',
  'cli.import.reason.NAME_LONG': 'column {column} (name): is longer than {max} characters',
  'cli.import.reason.PRICE_BAD': 'column {column} (price): "{value}" is not an amount in {currency} (at most {decimals} decimals)',
  'cli.import.reason.PRICE_HIGH': 'column {column} (price): {value} is above the highest price allowed, {max} {currency} (catalog.maxPrice)',
  'cli.import.reason.SOLD_BY_BAD': 'column {column} (sold_by): "{value}" is not one of each, weight, open-price',
  'cli.import.reason.TAX_CLASS_BAD': 'column {column} (tax_class): "{value}" is not one of {classes}',
  'cli.import.reason.BARCODE_NONE': 'column {column} (barcode): no barcode',
  'cli.import.reason.BARCODE_CHARS': 'column {column} (barcode): barcode must be 1-48 printable characters without spaces',
  'cli.import.reason.BARCODE_CHECK': 'column {column} (barcode): bad check digit in {kind} {barcode} (expected {expected})',
  'cli.import.reason.BARCODE_TAKEN': 'column {column} (barcode): {barcode} already belongs to {sku}',
  'cli.import.reason.SKU_AGAIN': 'sku {sku} appears again; this row replaces the earlier one',
  'cli.import.fatal.CSV_QUOTE_IN_FIELD': 'line {line}: a quote in the middle of a field',
  'cli.import.fatal.CSV_QUOTE_UNCLOSED': 'line {line}: a quoted field is not closed',
  'cli.import.fatal.FILE_EMPTY': 'the file is empty',
  'cli.import.fatal.HEADER_MISSING': 'line 1: missing column(s) {missing}; expected {expected}',
  'cli.import.fatal.HEADER_CONTROL': 'line 1, column {column}: a control character in the header',
};
