/**
 * The public part of a hidden suite: the same file with every `graded(id, ...)` whose test is not
 * public taken out, and then every top-level declaration and import that only those tests used.
 * What is left runs the public checks exactly as grading does (same code, same helpers). Pure.
 */
import ts from 'typescript';

export interface GradedCall {
  id: string;
  /** The whole statement, `graded('id', async (t) => { ... });`. */
  text: string;
}

export interface PublicSuite {
  text: string;
  /** Ids of the graded tests kept and removed, in file order. */
  kept: string[];
  removed: string[];
}

/** The id of a top-level `graded('<id>', ...)` statement, or undefined for any other statement. */
function gradedId(statement: ts.Statement): string | undefined {
  if (!ts.isExpressionStatement(statement) || !ts.isCallExpression(statement.expression)) return undefined;
  const call = statement.expression;
  if (!ts.isIdentifier(call.expression) || call.expression.text !== 'graded') return undefined;
  const first = call.arguments[0];
  return first !== undefined && ts.isStringLiteralLike(first) ? first.text : undefined;
}

/** Every `graded(...)` statement of a suite, in file order. */
export function gradedCalls(source: string, fileName = 'suite.ts'): GradedCall[] {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2022, true);
  return sf.statements.flatMap((s) => {
    const id = gradedId(s);
    return id === undefined ? [] : [{ id, text: s.getText(sf) }];
  });
}

/** Names a top-level statement declares (functions, variables, classes, types, imported bindings). */
function declaredNames(statement: ts.Statement): string[] {
  if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name) return [statement.name.text];
  if (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement) || ts.isEnumDeclaration(statement))
    return [statement.name.text];
  if (ts.isVariableStatement(statement)) {
    const names: string[] = [];
    const collect = (name: ts.BindingName): void => {
      if (ts.isIdentifier(name)) names.push(name.text);
      else for (const el of name.elements) if (!ts.isOmittedExpression(el)) collect(el.name);
    };
    for (const d of statement.declarationList.declarations) collect(d.name);
    return names;
  }
  return [];
}

/** Identifiers a node refers to (a property name after a dot is not a reference). */
function referencedNames(node: ts.Node, into: Set<string>): void {
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n) && !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n)) into.add(n.text);
    ts.forEachChild(n, visit);
  };
  visit(node);
}

/** An import declaration cut down to the bindings still used, or null when none is. */
function prunedImport(statement: ts.ImportDeclaration, used: ReadonlySet<string>, sf: ts.SourceFile): string | null {
  const clause = statement.importClause;
  if (!clause) return statement.getText(sf); // a side-effect import stays
  const parts: string[] = [];
  if (clause.name && used.has(clause.name.text)) parts.push(clause.name.text);
  const bindings = clause.namedBindings;
  if (bindings && ts.isNamespaceImport(bindings) && used.has(bindings.name.text)) parts.push(`* as ${bindings.name.text}`);
  if (bindings && ts.isNamedImports(bindings)) {
    const kept = bindings.elements.filter((e) => used.has(e.name.text)).map((e) => e.getText(sf));
    if (kept.length > 0) parts.push(`{ ${kept.join(', ')} }`);
  }
  if (parts.length === 0) return null;
  return `import ${clause.isTypeOnly ? 'type ' : ''}${parts.join(', ')} from ${statement.moduleSpecifier.getText(sf)};`;
}

/**
 * `source` with the graded tests outside `publicIds` removed, and the declarations and imports
 * they alone used. The file's header comment is replaced by `header`.
 */
export function publicSuiteSource(source: string, publicIds: ReadonlySet<string>, header: string, fileName = 'suite.ts'): PublicSuite {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2022, true);
  const kept: string[] = [];
  const removed: string[] = [];
  const candidates = sf.statements.filter((s) => {
    const id = gradedId(s);
    if (id === undefined) return true;
    (publicIds.has(id) ? kept : removed).push(id);
    return publicIds.has(id);
  });
  // Roots: every statement that declares nothing (graded tests, hooks); then what they reach.
  const used = new Set<string>();
  const live = new Set<ts.Statement>();
  for (const s of candidates) {
    if (declaredNames(s).length === 0 && !ts.isImportDeclaration(s)) {
      live.add(s);
      referencedNames(s, used);
    }
  }
  for (let grew = true; grew;) {
    grew = false;
    for (const s of candidates) {
      if (live.has(s) || ts.isImportDeclaration(s) || !declaredNames(s).some((n) => used.has(n))) continue;
      live.add(s);
      referencedNames(s, used);
      grew = true;
    }
  }
  const pieces: string[] = [];
  for (const s of candidates) {
    if (ts.isImportDeclaration(s)) {
      const text = prunedImport(s, used, sf);
      if (text !== null) pieces.push(`\n${text}`);
    } else if (live.has(s)) {
      // A statement keeps its own comments and blank lines, but not the file header before the first one.
      pieces.push(s === sf.statements[0] ? `\n${s.getText(sf)}` : source.slice(s.getFullStart(), s.end));
    }
  }
  return { text: `${header}${pieces.join('').replace(/\n{3,}/g, '\n\n')}\n`, kept, removed };
}
