// A rule's source as a person reads it: the seed documents are named in the data by their
// file (so a source is exact and checkable), and on the pages by their title, with "§8"
// written "section 8". A file the catalogue does not title is left as it is.
import type { Catalogue } from '../domain/standards/catalogue.ts';

const SEED_FILE = /\b\d{3}_[0-9a-f]{16}\.txt\b/g;

/** Each document's title by its file, from the standards' and the policies' data; the shortest where several title one file. */
export function documentTitles(catalogue: Catalogue): ReadonlyMap<string, string> {
  const titles = new Map<string, string>();
  const offer = (file: string, title: string) => {
    const known = titles.get(file);
    if (known === undefined || title.length < known.length) titles.set(file, title);
  };
  for (const standard of catalogue.standards.values()) for (const d of standard.standard.documents) offer(d.file, d.title);
  for (const policy of catalogue.policies.values()) offer(policy.document.file, policy.document.title);
  return titles;
}

export function sourceText(source: string, titles: ReadonlyMap<string, string>): string {
  return source.replace(SEED_FILE, (file) => titles.get(file) ?? file).replace(/§\s?(\d+)/g, 'section $1');
}
