/** Child process of the benchmark: synthesizes N roles of one case and prints its peak resident memory in MiB. */
import { CASES } from './cases';
import { synthApp } from './measure';

const [name, variant, count] = process.argv.slice(2);
const benchCase = CASES.find((candidate) => candidate.name === name)!;
synthApp(Number(count), variant === 'ours' ? benchCase.ours : benchCase.plain);
console.log(Math.round(process.resourceUsage().maxRSS / 1024));
