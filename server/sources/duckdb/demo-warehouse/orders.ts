/**
 * SQL for `orders`: each order goes to a buying customer drawn by the order weight in `_cust`,
 * at a time between the customer's signup and today (or the start of their lapse), skewed
 * towards recent days. Leaves the temporary `_ord` table (with `off`, seconds before today) that
 * events and lifetime values are derived from. `totalOrderWeight` is `sum(w_order)` of `_cust`.
 */
import { type Plan } from "./plan";
import { sqlInt, ts, weightedCase } from "./sql";
import { ORDER_CHANNEL, ORDER_STATUS } from "./vocabulary";

export function ordersSql(p: Plan, totalOrderWeight: bigint): string {
  return `
CREATE OR REPLACE TEMP TABLE _ow AS
SELECT customer_id, idle_off, signup_off - idle_off AS span,
  (sum(w_order) OVER (ORDER BY customer_id ROWS UNBOUNDED PRECEDING) - w_order)::BIGINT AS cum_lo
FROM _cust WHERE w_order > 0;

CREATE OR REPLACE TEMP TABLE _ord AS
WITH r AS (
  SELECT j, (ru64(j, 101) % ${sqlInt(totalOrderWeight)})::BIGINT AS u,
    rnd(j, 103) AS u_time, ru(j, 104) % 100 AS u_status, ru(j, 105) % 100 AS u_items, ru(j, 106) AS u_many,
    rnd(j, 107) AS u_price, ru(j, 108) % 100 AS u_channel
  FROM range(${p.orders}) t(j)
), a AS (
  SELECT r.*, w.customer_id, w.idle_off + floor(w.span * (1 - pow(u_time, 0.4)))::BIGINT AS off
  FROM r ASOF JOIN _ow w ON r.u >= w.cum_lo
), b AS (
  SELECT a.*,
    CASE WHEN u_items < 46 THEN 1 WHEN u_items < 72 THEN 2 WHEN u_items < 86 THEN 3 WHEN u_items < 94 THEN 4
      WHEN u_items < 98 THEN 5 ELSE 6 + u_many % 5 END::INTEGER AS item_count
  FROM a
)
SELECT row_number() OVER (ORDER BY off DESC, j) AS order_id, customer_id, off,
  ${weightedCase("u_status", ORDER_STATUS)} AS status,
  round(item_count * (8 + 160 * pow(u_price, 2.4)), 2)::DECIMAL(12, 2) AS total,
  'USD' AS currency, item_count,
  ${weightedCase("u_channel", ORDER_CHANNEL)} AS channel
FROM b;

INSERT INTO orders
SELECT order_id, customer_id, ${ts("off", p.anchorS)}, status, total, currency, item_count, channel
FROM _ord ORDER BY order_id;
`;
}
