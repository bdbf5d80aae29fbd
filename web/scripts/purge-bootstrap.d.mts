import type { Plugin } from 'postcss';

/** Drops the Bootstrap rules no console file can use (scripts/purge-bootstrap.mjs). */
export function purgeBootstrap(): Plugin;
