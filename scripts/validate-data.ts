// Validates one data file against its schema and prints every problem (a development aid;
// `capstone standards check` is the real check).
import { readFileSync } from 'node:fs';
import { FundingRulesSchema, PolicySchema, StandardSchema } from '../src/domain/standards/schema.ts';

const file = process.argv[2];
if (!file) {
  console.error('usage: validate-data.ts FILE');
  process.exit(2);
}
const data = JSON.parse(readFileSync(file, 'utf8'));
const schema = file.includes('/policies/') ? PolicySchema : file.includes('funding') ? FundingRulesSchema : StandardSchema;
const result = schema.safeParse(data);
if (result.success) console.log('ok');
else {
  for (const issue of result.error.issues) console.log(`${issue.path.join('.')}: ${issue.message}`);
  process.exit(1);
}
