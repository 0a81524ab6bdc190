/**
 * Bounds on what a filter may be, so that no request can exhaust the stack or the CPU: both readers and the
 * writers recurse once per level of nesting.
 */
export const MAX_FILTER_LENGTH = 100_000;

/** Levels of nested operators, function calls and arrays (values do not count: `a = 1` is one level). */
export const MAX_NESTING = 100;
