/** What can go wrong in the state store, as the layers above need to tell it apart. */

export class StorageConflictError extends Error {
  constructor(key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
    this.name = 'StorageConflictError';
  }
}

export function isConflictError(err: unknown): boolean {
  return err instanceof StorageConflictError || (err instanceof Error && /eTag conflict/i.test(err.message));
}

/** Another turn of the conversation held its lock for longer than a turn waits. */
export class LockTimeoutError extends Error {
  constructor(key: string) {
    super(`Timed out waiting for the turn lock of ${key}`);
    this.name = 'LockTimeoutError';
  }
}

/**
 * The turn's lock expired before its state was written (the process or Redis stalled for longer than the
 * lease) and another turn may have taken it: this turn's writes were refused, so nothing of it was saved.
 */
export class LockLostError extends Error {
  constructor(key: string) {
    super(`The turn lock of ${key} was lost before the turn was saved`);
    this.name = 'LockLostError';
  }
}

/**
 * Errors that mean "the state store is away or changing hands" (connection lost, a cluster or Sentinel
 * failover in progress, a master refusing writes without replicas): ask the resident to try again.
 */
export function isStoreUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const text = `${err.name} ${err.message}`;
  return (
    err instanceof LockLostError ||
    /Stream isn't writeable|Connection is closed|MaxRetriesPerRequest|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|Reached the max retries|Redis is not ready|Command timed out/i.test(text) ||
    // Cluster: slots moving or uncovered, the client re-reading the topology.
    /CLUSTERDOWN|TRYAGAIN|Cluster isn't ready|Failed to refresh slots cache|None of startup nodes is available|Too many Cluster redirections/i.test(text) ||
    // Sentinel and replication: a demoted master, no master yet, min-replicas-to-write not met, loading a data file.
    /READONLY|MASTERDOWN|NOREPLICAS|LOADING|All sentinels are unreachable|no master/i.test(text)
  );
}
