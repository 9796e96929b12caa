/**
 * Template loading for the formats that render through Handlebars (the HTML report, report.md,
 * the batch summary): reports/templates/<name> with every partial of reports/partials.
 */
import * as fs from 'fs';
import * as path from 'path';
import Handlebars from 'handlebars';
import { projectRoot } from '../../projectRoot';

/** Where the templates, partials and stylesheet live. */
export function reportsDir(): string {
  return path.join(projectRoot(), 'reports');
}

export interface CompiledTemplate<V> {
  render(view: V): string;
}

/**
 * Compiles `templates/<name>` with every partial of `partials/` in a Handlebars environment of its
 * own: strict (a field the view lacks is an error, not an empty string) and with the built-in
 * helpers only, so no field of the view can be taken for a helper.
 */
export function compileTemplate<V>(name: string, opts: { noEscape?: boolean; dir?: string } = {}): CompiledTemplate<V> {
  const dir = opts.dir ?? reportsDir();
  const hb = Handlebars.create();
  const partialsDir = path.join(dir, 'partials');
  for (const file of fs.readdirSync(partialsDir).filter((f) => f.endsWith('.hbs'))) {
    hb.registerPartial(path.basename(file, '.hbs'), fs.readFileSync(path.join(partialsDir, file), 'utf8'));
  }
  const template = hb.compile<V>(fs.readFileSync(path.join(dir, 'templates', name), 'utf8'), {
    strict: true,
    knownHelpersOnly: true,
    noEscape: opts.noEscape ?? false,
    // A partial called on an indented line must not indent the lines of a multi-line value (a <pre>).
    preventIndent: true,
  });
  return { render: (view) => template(view) };
}

/** A page's compiled template and its stylesheet (inlined by the page itself). */
export interface Page<V> {
  template: CompiledTemplate<V>;
  css: string;
}

/** templates/`name` and styles/`stylesheet`, read on first use and kept for the process. */
export function lazyPage<V>(name: string, stylesheet: string): () => Page<V> {
  let page: Page<V> | undefined;
  return () =>
    (page ??= { template: compileTemplate<V>(name), css: fs.readFileSync(path.join(reportsDir(), 'styles', stylesheet), 'utf8') });
}
