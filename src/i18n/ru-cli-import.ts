/** Russian words of `till import`'s reasons: the keys of en-cli-import.ts. */
const fields = (n: string) => `{${n}, plural, one {# поле} few {# поля} many {# полей} other {# поля}}`;
const chars = (n: string) => `{${n}, plural, one {# символа} few {# символов} many {# символов} other {# символа}}`;

export const ruCliImport = {
  'cli.import.reason.FIELDS_FEW': `${fields('fields')}, а в заголовке ${fields('header')}`,
  'cli.import.reason.FIELDS_MANY': `столбец {column}: ${fields('fields')}, а в заголовке ${fields('header')} (десятичная запятая или запятая в названии должны быть в "кавычках")`,
  'cli.import.reason.CONTROL_CHAR': 'столбец {column}: управляющий символ ({char}) в поле не допускается',
  'cli.import.reason.SKU_BAD': 'столбец {column} (sku): нужно от 1 до 64 печатных символов без пробелов',
  'cli.import.reason.NAME_EMPTY': 'столбец {column} (name): пусто',
  'cli.import.reason.NAME_LONG': `столбец {column} (name): длиннее ${chars('max')}`,
  'cli.import.reason.PRICE_BAD': 'столбец {column} (price): «{value}» — не сумма в {currency} (не больше {decimals} знаков после запятой)',
  'cli.import.reason.PRICE_HIGH': 'столбец {column} (price): {value} выше наибольшей допустимой цены {max} {currency} (catalog.maxPrice)',
  'cli.import.reason.SOLD_BY_BAD': 'столбец {column} (sold_by): «{value}» — не each, weight или open-price',
  'cli.import.reason.TAX_CLASS_BAD': 'столбец {column} (tax_class): «{value}» — не из списка {classes}',
  'cli.import.reason.BARCODE_NONE': 'столбец {column} (barcode): нет штрихкода',
  'cli.import.reason.BARCODE_CHARS': 'столбец {column} (barcode): штрихкод — от 1 до 48 печатных символов без пробелов',
  'cli.import.reason.BARCODE_CHECK': 'столбец {column} (barcode): неверная контрольная цифра в {kind} {barcode} (должна быть {expected})',
  'cli.import.reason.BARCODE_TAKEN': 'столбец {column} (barcode): {barcode} уже принадлежит товару {sku}',
  'cli.import.reason.SKU_AGAIN': 'артикул {sku} встречается снова; эта строка заменяет прежнюю',
  'cli.import.fatal.CSV_QUOTE_IN_FIELD': 'строка {line}: кавычка посреди поля',
  'cli.import.fatal.CSV_QUOTE_UNCLOSED': 'строка {line}: поле в кавычках не закрыто',
  'cli.import.fatal.FILE_EMPTY': 'файл пуст',
  'cli.import.fatal.HEADER_MISSING': 'строка 1: нет столбцов {missing}; ожидается {expected}',
  'cli.import.fatal.HEADER_CONTROL': 'строка 1, столбец {column}: управляющий символ в заголовке',
};
