import { Catalogue1795683600000 } from './1795683600000-Catalogue';
import { FxSources1796100000000 } from './1796100000000-FxSources';

export { Catalogue1795683600000, FxSources1796100000000 };

/** The catalogue schema's migrations, oldest first, for a service's data source. */
export const CATALOGUE_MIGRATIONS = [Catalogue1795683600000, FxSources1796100000000];
