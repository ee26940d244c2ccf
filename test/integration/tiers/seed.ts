// The generator and the seeding live beside the local tier tools: the benchmark uses them too.
export { random, seedCustomers, syntheticHistories } from '../../../local/tiers/synthetic.ts';
