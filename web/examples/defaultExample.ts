/**
 * The example the playground opens when the URL names none: the seed's order app. Its files come
 * with the page (examples.ts globs them by this name) and the page bench opens it too.
 */
export const DEFAULT_EXAMPLE = 'order';
