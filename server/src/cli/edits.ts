// Applying the fixes `analyze` offers as plain text edits. The logic lives in the service
// (service/fix-all.ts) because the language server's fix-all action must apply exactly the same fixes
// as `govreport fix`; this module keeps the command line's import path.
export {
  applyEdits,
  applyTextEdits,
  chosenFix,
  fixAll,
  fixAllRounds,
  fixText,
  lineStarts,
  offsetAt,
  positionAt,
  selectFixes,
  type FixOutcome,
  type FixSelection,
  type OffsetEdit,
} from '../service/fix-all';
