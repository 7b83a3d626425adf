/**
 * One connection pool per distinct source configuration, shared by every operation that uses
 * it and ended by `closeAll()`. A changed configuration (e.g. a rotated password) gets a new
 * pool; pools should be opened with an idle timeout so an unused one holds no connections.
 */
import crypto from "node:crypto";

export type PoolCache<Config, Pool> = {
  get(config: Config): Pool;
  closeAll(): Promise<void>;
};

export function createPoolCache<Config, Pool>(
  open: (config: Config) => Pool,
  end: (pool: Pool) => Promise<void>,
): PoolCache<Config, Pool> {
  const pools = new Map<string, Pool>();
  return {
    get(config) {
      const key = crypto.createHash("sha256").update(JSON.stringify(config)).digest("hex");
      let pool = pools.get(key);
      if (pool === undefined) {
        pool = open(config);
        pools.set(key, pool);
      }
      return pool;
    },
    async closeAll() {
      const all = [...pools.values()];
      pools.clear();
      await Promise.allSettled(all.map(end));
    },
  };
}
