import { describe, expect, test } from 'vitest';
import { parseRouteTemplate, type RoutePart, type RouteTemplate } from './routeTemplate';

function parse(text: string): RouteTemplate {
  const result = parseRouteTemplate(text);
  if (!result.ok) throw new Error(result.error);
  return result.template;
}

// A compact picture of the parse: literals as text, separators as <.>, parameters in template syntax.
function shape(text: string): string[] {
  return parse(text).segments.map((s) => s.parts.map(partText).join(''));
}

function partText(part: RoutePart): string {
  if (part.kind === 'literal') return part.text;
  if (part.kind === 'separator') return `<${part.text}>`;
  const star = part.isCatchAll ? '*' : '';
  const constraints = part.constraints.map((c) => `:${c.text}`).join('');
  const fallback = part.defaultValue === undefined ? '' : `=${part.defaultValue}`;
  return `{${star}${part.name}${constraints}${fallback}${part.isOptional ? '?' : ''}}`;
}

describe('parseRouteTemplate', () => {
  test.each([
    ['api/products/{id:int}', ['api', 'products', '{id:int}']],
    ['/api/products', ['api', 'products']],
    ['~/api/products', ['api', 'products']],
    ['api/products/', ['api', 'products']],
    ['', []],
    ['/', []],
    ['api/items/{id?}', ['api', 'items', '{id?}']],
    ['api/items/{page=1}', ['api', 'items', '{page=1}']],
    ['api/files/{*path}', ['api', 'files', '{*path}']],
    ['api/files/{**path}', ['api', 'files', '{*path}']],
    ['{*path=index.html}', ['{*path=index.html}']],
    ['{id:int:min(1)}', ['{id:int:min(1)}']],
    ['{id:int=5}', ['{id:int=5}']],
    ['{id:int?}', ['{id:int?}']],
    ['{s:regex(^a\\d+$)}', ['{s:regex(^a\\d+$)}']],
    ['{x:length(2,5)}', ['{x:length(2,5)}']],
    // Braces inside a parameter are doubled; a ':' inside parentheses stays in the constraint.
    ['{s:regex(^\\d{{3}}$)}', ['{s:regex(^\\d{3}$)}']],
    ['{t:regex(^\\d+:\\d+$)}', ['{t:regex(^\\d+:\\d+$)}']],
    ['{t:regex(a/b)}', ['{t:regex(a/b)}']],
    ['{x=a:b}', ['{x=a:b}']],
    ['{=x}', ['{=x}']],
    ['a{{b}}c', ['a{b}c']],
    ['{file}.{ext}', ['{file}.{ext}']],
    ['{file}.{ext?}', ['{file}<.>{ext?}']],
    ['v{major}-{minor}', ['v{major}-{minor}']],
    // ASP.NET has no white-space rule: spaces are part of names and literals.
    ['{ id }/hello world', ['{ id }', 'hello world']],
  ])('%j parses into %j', (text, expected) => {
    expect(shape(text)).toEqual(expected);
  });

  test('keeps the text as given and lists the parameters in order', () => {
    const t = parse('/api/{a}/{b:int?}/{*c}');
    expect(t.text).toBe('/api/{a}/{b:int?}/{*c}');
    expect(t.parameters.map((p) => p.name)).toEqual(['a', 'b', 'c']);
    expect(t.parameters[1]).toMatchObject({ isOptional: true, isCatchAll: false, defaultValue: undefined });
    expect(t.parameters[2]).toMatchObject({ isOptional: false, isCatchAll: true });
  });

  test.each([
    [
      'api/{id',
      "There is an incomplete parameter in the route template. Check that each '{' character has a matching '}' character.",
    ],
    ['api/id}', 'There is an incomplete parameter'],
    ['api/{', 'There is an incomplete parameter'],
    ['api/{a}}', 'There is an incomplete parameter'],
    [
      'api/{}',
      "The route parameter name '' is invalid. Route parameter names must be non-empty and cannot contain these characters: '{', '}', '/'.",
    ],
    ['api/{a/b}', "The route parameter name 'a/b' is invalid."],
    ['api/{a*}', "The route parameter name 'a*' is invalid."],
    ['api/{a:regex(\\d{3})}', "In a route parameter, '{' and '}' must be escaped with '{{' and '}}'."],
    [
      'api//x',
      "The route template separator character '/' cannot appear consecutively. It must be separated by either a parameter or a literal value.",
    ],
    ['//api', "The route template separator character '/' cannot appear consecutively."],
    ['~api', "The route template cannot start with a '~' character unless followed by a '/'."],
    ['{id}/{ID}', "The route parameter name 'ID' appears more than one time in the route template."],
    ['{*rest}/x', 'A catch-all parameter can only appear as the last segment of the route template.'],
    [
      'x{*rest}',
      'A path segment that contains more than one section, such as a literal section or a parameter, cannot contain a catch-all parameter.',
    ],
    ['{*rest?}', 'A catch-all parameter cannot be marked optional.'],
    ['{a=x?}', 'An optional parameter cannot have default value.'],
    [
      '{a?}.{b}',
      "An optional parameter must be at the end of the segment. In the segment '{a?}.{b}', optional parameter 'a' is followed by '.'.",
    ],
    [
      '{a}-{b?}',
      "In the segment '{a}-{b?}', the optional parameter 'b' is preceded by an invalid segment '-'. Only a period (.) can precede an optional parameter.",
    ],
    [
      '{a:int}{b?}',
      "In the segment '{a:int}{b?}', the optional parameter 'b' is preceded by an invalid segment '{a:int}'.",
    ],
    [
      '{a}{b}',
      "A path segment cannot contain two consecutive parameters. They must be separated by a '/' or by a literal string.",
    ],
    ['a?b', "The literal section 'a?b' is invalid. Literal sections cannot contain the '?' character."],
    ['api/{id:foo}', "The constraint entry 'id' - 'foo': 'foo' is not a known route constraint."],
    // Inside parentheses a ':' jumps to the next ')' and skips it, so this is ONE constraint, as in .NET.
    [
      '{x:regex(a:b):regex(c)}',
      "The route constraint 'regex(a:b):regex(c)' is invalid: 'a:b):regex(c' is not a valid regular expression",
    ],
    [
      'api/{id:range(9,1)}',
      "The route constraint 'range(9,1)' is invalid: The value for argument 'min' should be less than or equal",
    ],
  ])('rejects %j', (text, message) => {
    const result = parseRouteTemplate(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toContain(`Invalid route template '${text}': `);
      expect(result.error).toContain(message);
    }
  });
});
