import type { Kysely } from 'kysely';
import type { ReconcileStore } from '../app/ports/reconcile-store.js';
import { currentStages, multiSystemStatusPersons, opportunitiesWithoutPerson } from './queries/reconcile-conflicts.js';
import { hasJourneys, personCountPage, rejectedRecords } from './queries/reconcile-counts.js';
import { accountSummary, countPersons, multiRecordPersons, nearMatchGroups, oneSystemPersons, systemSummaries } from './queries/reconcile-identity.js';
import { personLabels, recordsOf } from './queries/reconcile-records.js';
import type { Database } from './schema.js';

/** Reconciliation read models over person_sources, activities, opportunities and journeys. */
export class KyselyReconcileStore implements ReconcileStore {
  constructor(private readonly db: Kysely<Database>) {}

  systemSummaries: ReconcileStore['systemSummaries'] = () => systemSummaries(this.db);
  accountSummary: ReconcileStore['accountSummary'] = () => accountSummary(this.db);
  countPersons: ReconcileStore['countPersons'] = () => countPersons(this.db);
  multiRecordPersons: ReconcileStore['multiRecordPersons'] = (afterId, limit) => multiRecordPersons(this.db, afterId, limit);
  nearMatchGroups: ReconcileStore['nearMatchGroups'] = (key) => nearMatchGroups(this.db, key);
  oneSystemPersons: ReconcileStore['oneSystemPersons'] = (sources, stages) => oneSystemPersons(this.db, sources, stages);
  multiSystemStatusPersons: ReconcileStore['multiSystemStatusPersons'] = (afterId, limit) => multiSystemStatusPersons(this.db, afterId, limit);
  opportunitiesWithoutPerson: ReconcileStore['opportunitiesWithoutPerson'] = () => opportunitiesWithoutPerson(this.db);
  personLabels: ReconcileStore['personLabels'] = (ids) => personLabels(this.db, ids);
  records: ReconcileStore['records'] = (ids) => recordsOf(this.db, ids);
  currentStages: ReconcileStore['currentStages'] = (version, ids) => currentStages(this.db, version, ids);
  personCountPage: ReconcileStore['personCountPage'] = (version, afterId, limit) => personCountPage(this.db, version, afterId, limit);
  rejectedRecords: ReconcileStore['rejectedRecords'] = () => rejectedRecords(this.db);
  hasJourneys: ReconcileStore['hasJourneys'] = (version) => hasJourneys(this.db, version);
}
