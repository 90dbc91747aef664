/**
 * Characters that make Excel, LibreOffice or Sheets run a cell as a formula (CSV injection). The
 * writer puts a quote before such a text cell; the reader takes that quote off again.
 */
export const FORMULA_START = /^[=+\-@\t\r]/;
