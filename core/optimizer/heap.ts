/**
 * Young generation of the solver's workers [MB] (V8's default is about 48 MB: 16 MB semi-spaces).
 * The pricing builds its wagon tables anew for every rake and round and keeps them for the rake's
 * whole call, so each scavenge in the middle of one copies them all: large, seed 1, column
 * generation alone for 40 s spent 5.8 s in scavenges with the default and 0.6 s with 64 MB
 * semi-spaces (this size), 17 rounds against 15.
 */
export const SOLVER_YOUNG_GEN_MB = 192;
