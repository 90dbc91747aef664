import type { Rng } from './prng';

/** Invented customer names: plausible for Indian steel buyers, deliberately not real companies. */
const FIRST = [
  'Shree',
  'Bharat',
  'Eastern',
  'Western',
  'National',
  'Sunrise',
  'Ganga',
  'Vindhya',
  'Deccan',
  'Kaveri',
  'Himalaya',
  'Narmada',
  'Sahyadri',
  'Coastal',
  'Metro',
  'Apex',
  'Jai',
  'Laxmi',
  'Om',
  'Unity',
];
const SECOND = [
  'Steel',
  'Auto',
  'Engineering',
  'Tubes',
  'Structurals',
  'Appliances',
  'Fabricators',
  'Infra',
  'Metals',
  'Rolling',
  'Pipes',
  'Transformers',
  'Motors',
  'Roofing',
  'Coaches',
];
const SUFFIX = ['Ltd', 'Pvt Ltd', 'Traders', 'Industries', 'Works', 'Corporation'];

export function customerName(rng: Rng): string {
  return `${rng.pick(FIRST)} ${rng.pick(SECOND)} ${rng.pick(SUFFIX)}`;
}
