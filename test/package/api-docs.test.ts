import { readFileSync } from 'fs';
import { join } from 'path';

/**
 * jsii-docgen takes a doc comment's first sentence as the summary of API.md's tables, and ends it at a `;`: every
 * summary of the compiled assembly must be a whole sentence (run after the build, which makes `.jsii`).
 */
describe('the API documentation', () => {
  test('every summary is a whole sentence', () => {
    const assembly = JSON.parse(readFileSync(join(__dirname, '..', '..', '.jsii'), 'utf8'));
    const cut: string[] = [];
    const visit = (name: string, docs?: { summary?: string }) => {
      if (docs?.summary && !/[.?!:)`]$/.test(docs.summary.trim())) cut.push(`${name}: ${docs.summary}`);
    };
    for (const [fqn, type] of Object.entries<any>(assembly.types)) {
      visit(fqn, type.docs);
      for (const property of type.properties ?? []) visit(`${fqn}.${property.name}`, property.docs);
      for (const method of [...type.methods ?? [], ...type.initializer ? [{ name: 'new', ...type.initializer }] : []]) {
        visit(`${fqn}#${method.name}`, method.docs);
        for (const parameter of method.parameters ?? []) visit(`${fqn}#${method.name}(${parameter.name})`, parameter.docs);
      }
    }
    expect(cut).toEqual([]);
  });
});
