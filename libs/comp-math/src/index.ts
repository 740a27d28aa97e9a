// Pure compensation math (DOMAIN §2–§3): no Nest, no I/O, no dependencies. Decisions: ../README.md.
export * from './percentiles';
export * from './annualize';
export * from './money';
export * from './calendar';
export * from './aging';
export * from './window';
export * from './band-edges';
export * from './band-metrics';
export * from './market-position';
export * from './suppression';
export * from './confidence';
export * from './credibility';
export * from './structure';
export * from './verdict';
export * from './money-format';
export * from './pay-plausibility';
