import { Catalogue1795683600000 } from './1795683600000-Catalogue';

export { Catalogue1795683600000 };

/** The catalogue schema's migrations, oldest first, for a service's data source. */
export const CATALOGUE_MIGRATIONS = [Catalogue1795683600000];
