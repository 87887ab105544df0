/** ASP.NET Core's wording (Microsoft.AspNetCore.Routing Resources.resx) for invalid route templates. */
export const MESSAGES = {
  tilde: "The route template cannot start with a '~' character unless followed by a '/'.",
  consecutiveSeparators:
    "The route template separator character '/' cannot appear consecutively. It must be separated by either a parameter or a literal value.",
  mismatched:
    "There is an incomplete parameter in the route template. Check that each '{' character has a matching '}' character.",
  unescapedBrace: "In a route parameter, '{' and '}' must be escaped with '{{' and '}}'.",
  catchAllOptional: 'A catch-all parameter cannot be marked optional.',
  optionalDefault: 'An optional parameter cannot have default value.',
  catchAllLast: 'A catch-all parameter can only appear as the last segment of the route template.',
  catchAllMultiPart:
    'A path segment that contains more than one section, such as a literal section or a parameter, cannot contain a catch-all parameter.',
  consecutiveParameters:
    "A path segment cannot contain two consecutive parameters. They must be separated by a '/' or by a literal string.",
  invalidName: (name: string) =>
    `The route parameter name '${name}' is invalid. Route parameter names must be non-empty and cannot contain these characters: '{', '}', '/'. The '?' character marks a parameter as optional, and can occur only at the end of the parameter. The '*' character marks a parameter as catch-all, and can occur only at the start of the parameter.`,
  repeatedName: (name: string) =>
    `The route parameter name '${name}' appears more than one time in the route template.`,
  invalidLiteral: (literal: string) =>
    `The literal section '${literal}' is invalid. Literal sections cannot contain the '?' character.`,
  optionalAfterNonPeriod: (segment: string, name: string, previous: string) =>
    `In the segment '${segment}', the optional parameter '${name}' is preceded by an invalid segment '${previous}'. Only a period (.) can precede an optional parameter.`,
  optionalNotLast: (segment: string, name: string, next: string) =>
    `An optional parameter must be at the end of the segment. In the segment '${segment}', optional parameter '${name}' is followed by '${next}'.`,
};
