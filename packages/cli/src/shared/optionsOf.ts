/**
 * The option values of a declared command, as commander parses them: inferred from its `.option(...)`
 * calls, so that a command's flags are declared once.
 *
 * @example
 * export type CheckCommandOptions = OptionsOf<ReturnType<typeof declareCheck>>;
 */
export type OptionsOf<C extends { opts(): unknown }> = ReturnType<C['opts']>;
