// How the cells of the 2019 format (〔2019〕60号) carry over into the 2021 format (〔2021〕30号). A row or
// column with the same id in both formats carries over as it is (规章, 行政许可, 处理决定数量 …); this file
// holds only what differs. Anything with no counterpart is not guessed: the conversion marks it.

export interface ConversionDef {
  /** Per item of section 二: 2021 column id → the 2019 column id whose values it takes. */
  activeColumns: Record<string, Record<string, string>>;
  /**
   * Table 三 （六）: the 2019 format's one 其他处理 row is the sum of the 2021 format's sub-rows. Its value
   * goes to `into` (the catch-all 3.其他), so every sum still holds; the other sub-rows are marked for the
   * author to split the count, except in a column where it is 0 (then all of them are 0).
   */
  requestsOther: { from: string; into: string };
}

export const from2019: ConversionDef = {
  // 本年新制作数量 and 本年制发件数 both count the documents made this year.
  activeColumns: { 一: { issued: 'made' } },
  requestsOther: { from: 'other', into: 'other_other' },
};

/** What an unmapped cell is written as: a placeholder, so cell-blank points the author at it. */
export const UNMAPPED = '—';
