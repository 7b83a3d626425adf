/**
 * Audiences: the definition format (definition.ts), its problems in a marketer's words
 * (validate.ts) and the compiler to warehouse SQL (compile/). Persistence, API and UI live elsewhere.
 */
export * from "./definition";
export * from "./operators";
export type { AudienceColumn, AudienceContext, AudienceModel, AudienceRelation, ReferencedAudience } from "./context";
export { audienceProblems, type AudienceProblem } from "./validate";
export {
  AudienceProblemsError,
  compileAudience,
  compileMembersPreview,
  compileOverlap,
  type Breakdown,
  type BreakdownColumn,
  type CompiledAudience,
  type CompiledSplitGroup,
  type CompiledSplits,
  type PreviewOptions,
} from "./compile";
export { splitBucket } from "./split-bucket";
