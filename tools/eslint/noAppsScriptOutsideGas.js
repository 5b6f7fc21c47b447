/**
 * Only src/gas may touch Apps Script: a member access or call on a value whose type
 * is declared by @types/google-apps-script (SpreadsheetApp, a Sheet, a Range, an
 * event object ...) anywhere else is an error. Types may still be named elsewhere
 * (they are erased); using the objects is what this rule forbids.
 */
const GAS_TYPES = /[\\/]@types[\\/]google-apps-script[\\/]/;

function declaredByAppsScript(type) {
  const symbol = type.getSymbol() ?? type.aliasSymbol;
  const declarations = symbol?.getDeclarations() ?? [];
  if (declarations.some((d) => GAS_TYPES.test(d.getSourceFile().fileName))) return true;
  // `Sheet | null`, `Range[]` ...
  if (type.isUnion()) return type.types.some(declaredByAppsScript);
  return false;
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'Apps Script services and objects are used only in src/gas' },
    schema: [],
    messages: {
      outside: '`{{text}}` uses Apps Script ({{type}}): only src/gas may touch Apps Script services; add a function there and call it.',
    },
  },
  create(context) {
    const services = context.sourceCode.parserServices;
    if (!services?.program) throw new Error('no-apps-script-outside-gas needs type information (parserOptions.project)');
    const checker = services.program.getTypeChecker();
    const onAppsScript = (member) => declaredByAppsScript(services.getTypeAtLocation(member.object));
    // In `SpreadsheetApp.getUi().createAddonMenu()` only the first link is reported.
    const chained = (object) => {
      const inner = object.type === 'CallExpression' ? object.callee : object;
      return inner.type === 'MemberExpression' && onAppsScript(inner);
    };
    return {
      MemberExpression(node) {
        if (!onAppsScript(node) || chained(node.object)) return;
        const type = services.getTypeAtLocation(node.object);
        context.report({
          node,
          messageId: 'outside',
          data: { text: context.sourceCode.getText(node).slice(0, 60), type: checker.typeToString(type) },
        });
      },
    };
  },
};
