/**
 * SQL for `events`: behavioural events drawn per customer by activity within
 * [today - EVENT_WINDOW_DAYS, today], plus exactly one `order_completed` event per non-cancelled
 * order in that window, numbered in time order, with event-specific JSON properties.
 * `eventsWeightsSql` must run first; `totalEventWeight` is `sum(w)` of the `_ew` table it makes.
 */
import { DAY, EVENT_WINDOW_DAYS, type Plan } from "./plan";
import { product } from "./products";
import { pickFrom, permute, sqlInt, sqlString, totalWeight, ts, weightedCase } from "./sql";
import {
  BLOG_POSTS,
  CAMPAIGNS,
  DEVICES,
  EVENT_TYPES,
  HELP_PAGES,
  REFERRERS,
  SEARCH_QUERIES,
  SHOP_URL,
  SIGN_IN_METHODS,
} from "./vocabulary";

export function eventsWeightsSql(): string {
  return `
CREATE OR REPLACE TEMP TABLE _ew AS
WITH w AS (
  SELECT customer_id, email_opt_in, event_lo AS lo, event_hi - event_lo AS span,
    greatest(1, round(10000 * (0.02 + pow(activity, 3)) * (event_hi - event_lo) / ${EVENT_WINDOW_DAYS * DAY}))::BIGINT AS w
  FROM _cust WHERE event_hi > event_lo
)
SELECT customer_id, email_opt_in, lo, span, w,
  (sum(w) OVER (ORDER BY customer_id ROWS UNBOUNDED PRECEDING) - w)::BIGINT AS cum_lo
FROM w;
`;
}

export function eventsSql(p: Plan, behaviouralEvents: number, totalEventWeight: bigint): string {
  const week = 7 * DAY;
  const pathExpr = `(CASE
      WHEN u_path < 22 THEN '/'
      WHEN u_path < 40 THEN '/collections/' || category_slug
      WHEN u_path < 70 THEN '/products/' || ${product.slug("product_id")} || '-' || product_id::VARCHAR
      WHEN u_path < 78 THEN '/collections/sale'
      WHEN u_path < 86 THEN '/blog/' || ${pickFrom(BLOG_POSTS, "u_pick")}
      WHEN u_path < 93 THEN '/account'
      ELSE '/help/' || ${pickFrom(HELP_PAGES, "u_pick")}
    END)`;
  // Three campaigns go out each week (weeks start on Monday); opens/clicks reference them.
  const campaignId = `'cmp_' || (week_no * 3 + u_pick % 3)::VARCHAR`;
  const campaign = `${pickFrom(CAMPAIGNS, "week_no * 3 + u_pick % 3")} || '-' ||
      strftime(make_timestamp((week_no * ${week} - ${3 * DAY})::BIGINT * 1000000), '%Y-%m-%d')`;
  const emailTypesFrom = totalWeight(EVENT_TYPES.filter(([type]) => !type.startsWith("email_")));

  const behavioural =
    behaviouralEvents > 0 && totalEventWeight > 0n
      ? `
CREATE OR REPLACE TEMP TABLE _ev AS
WITH r AS (
  SELECT j, (ru64(j, 201) % ${sqlInt(totalEventWeight)})::BIGINT AS u,
    rnd(j, 203) AS u_time, ru(j, 204) % ${totalWeight(EVENT_TYPES)} AS u_type
  FROM range(${behaviouralEvents}) t(j)
)
SELECT r.j, w.customer_id, w.lo + floor(w.span * u_time)::BIGINT AS off,
  -- customers who did not opt in to email get no email events
  CASE WHEN u_type >= ${emailTypesFrom} AND NOT w.email_opt_in THEN 'page_viewed'
    ELSE ${weightedCase("u_type", EVENT_TYPES)} END AS event_type
FROM r ASOF JOIN _ew w ON r.u >= w.cum_lo;
`
      : `CREATE OR REPLACE TEMP TABLE _ev (j BIGINT, customer_id BIGINT, off BIGINT, event_type VARCHAR);`;

  // Sort narrow rows once (by time) and number them; the wide JSON is built afterwards by a
  // plain scan + projection, which keeps that order on insert.
  return `${behavioural}
CREATE OR REPLACE TEMP TABLE _evo AS
WITH narrow AS (
  SELECT 1 AS src, j, customer_id, event_type, off,
    NULL::DECIMAL(12, 2) AS total, NULL::VARCHAR AS currency, NULL::INTEGER AS item_count, NULL::VARCHAR AS channel
  FROM _ev
  UNION ALL
  SELECT 0 AS src, order_id AS j, customer_id, 'order_completed' AS event_type, off, total, currency, item_count, channel
  FROM _ord WHERE status <> 'cancelled' AND off <= ${EVENT_WINDOW_DAYS * DAY}
)
SELECT row_number() OVER (ORDER BY off DESC, src, j) AS event_id, * FROM narrow
ORDER BY event_id;

INSERT INTO events
WITH b AS (
  SELECT event_id, customer_id, event_type, off, j, total, currency, item_count, channel,
    1 + ${permute(`floor(${p.products} * pow(rnd(j, 205), 2))::BIGINT`, p.products, 5)} AS product_id,
    ru(j, 206) % 100 AS u_path,
    ru(j, 207) % ${totalWeight(REFERRERS)} AS u_ref,
    ru(j, 208) AS u_pick,
    ru(j, 209) % ${totalWeight(SIGN_IN_METHODS)} AS u_method,
    ru(j, 210) % ${totalWeight(DEVICES)} AS u_device,
    rnd(j, 211) AS u_value,
    ((${p.anchorS} - off + ${3 * DAY}) // ${week}) AS week_no
  FROM _evo
), c AS (
  SELECT b.*, ${product.category("product_id")} AS category, ${product.categorySlug("product_id")} AS category_slug,
    ${product.price("product_id")} AS price
  FROM b
), d AS (
  SELECT c.*, CASE WHEN event_type = 'page_viewed' THEN ${pathExpr} END AS path FROM c
)
SELECT event_id, customer_id, event_type, ${ts("off", p.anchorS)} AS occurred_at,
  CASE event_type
    WHEN 'page_viewed' THEN json_object('path', path, 'url', ${sqlString(SHOP_URL)} || path,
      'referrer', nullif(${weightedCase("u_ref", REFERRERS)}, ''))
    WHEN 'product_viewed' THEN json_object('product_id', product_id, 'category', category, 'price', price)
    WHEN 'added_to_cart' THEN json_object('product_id', product_id, 'category', category, 'price', price,
      'quantity', CASE WHEN u_pick % 10 < 8 THEN 1 ELSE 2 + u_pick % 2 END)
    WHEN 'checkout_started' THEN json_object(
      'cart_value', round((1 + u_pick % 4) * (8 + 160 * pow(u_value, 2.4)), 2)::DECIMAL(12, 2),
      'item_count', 1 + u_pick % 4)
    WHEN 'signed_in' THEN json_object('method', ${weightedCase("u_method", SIGN_IN_METHODS)},
      'device', ${weightedCase("u_device", DEVICES)})
    WHEN 'search_performed' THEN json_object('query', ${pickFrom(SEARCH_QUERIES, "u_pick")})
    WHEN 'email_opened' THEN json_object('campaign_id', ${campaignId}, 'campaign', ${campaign})
    WHEN 'email_clicked' THEN json_object('campaign_id', ${campaignId}, 'campaign', ${campaign},
      'url', ${sqlString(SHOP_URL)} || '/collections/' || category_slug)
    WHEN 'order_completed' THEN json_object('order_id', j, 'total', total, 'currency', currency,
      'item_count', item_count, 'channel', channel)
  END AS properties
FROM d;
`;
}
