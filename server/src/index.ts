// The library entry: `analyze(text, options)` and the rule list, with their public types.
export { analyze, listRules } from './service/analyze';
export type * from './service/types';
