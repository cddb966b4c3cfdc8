// Reads the standards, policies and funding rules from this folder and validates them
// through the domain's catalogue (one file per standard version, one per EPAO policy).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCatalogue, type Catalogue, type DataFile, type DataProblem } from '../domain/standards/catalogue.ts';

export const STANDARDS_DIR = import.meta.dirname;

export function readDataFiles(dir: string = STANDARDS_DIR): { files: DataFile[]; problems: DataProblem[] } {
  const files: DataFile[] = [];
  const problems: DataProblem[] = [];
  const read = (path: string, name: string, kind: DataFile['kind']) => {
    try {
      files.push({ file: name, kind, data: JSON.parse(readFileSync(path, 'utf8')) });
    } catch (error) {
      problems.push({ file: name, path: '', message: `cannot be read as JSON: ${(error as Error).message}` });
    }
  };
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.json')) continue;
    read(join(dir, name), name, name === 'funding-rules.json' ? 'funding-rules' : 'standard');
  }
  const policies = join(dir, 'policies');
  for (const name of readdirSync(policies).sort()) if (name.endsWith('.json')) read(join(policies, name), `policies/${name}`, 'policy');
  return { files, problems };
}

export type Loaded = { catalogue?: Catalogue; problems: DataProblem[] };

export function loadCatalogue(dir: string = STANDARDS_DIR): Loaded {
  const { files, problems } = readDataFiles(dir);
  const built = buildCatalogue(files);
  const all = [...problems, ...built.problems];
  return all.length === 0 && built.catalogue ? { catalogue: built.catalogue, problems: [] } : { problems: all };
}

let cached: Catalogue | undefined;

/** The project's own catalogue, loaded once per process; throws if the data is broken (a deployment fault, not user input). */
export function catalogue(): Catalogue {
  if (cached) return cached;
  const loaded = loadCatalogue();
  if (!loaded.catalogue) {
    const first = loaded.problems.slice(0, 5).map((p) => `${p.file} ${p.path}: ${p.message}`);
    throw new Error(`the standards data is invalid (run \`capstone standards check\`):\n${first.join('\n')}`);
  }
  cached = loaded.catalogue;
  return cached;
}
