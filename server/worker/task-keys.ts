/** Keys of installation-wide background tasks (db/schema/tasks.ts). */
export const DEMO_WAREHOUSE_TASK = "demo-warehouse";
