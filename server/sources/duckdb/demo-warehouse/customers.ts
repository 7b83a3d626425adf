/**
 * SQL for `customers`, in two steps. `customersSql` draws every customer into the temporary
 * `_cust` table (identity, consent, signup and the hidden activity, lapse and order weights the
 * orders and events are drawn from). `customersInsertSql` runs after orders and events exist and
 * writes the public rows, deriving lifetime_value (sum of completed orders) and last_seen_at
 * (latest signup, order or event) from them.
 */
import { DAY, EVENT_WINDOW_DAYS, SIGNUP_SPAN_DAYS, type Plan } from "./plan";
import { permute, totalWeight, ts, weightedCase } from "./sql";
import { COUNTRY_WEIGHTS, EMAIL_DOMAINS, PLAN_WEIGHTS } from "./vocabulary";

export function customersSql(p: Plan): string {
  const cleaned = (col: string): string => `regexp_replace(strip_accents(lower(${col})), '[^a-z]', '', 'g')`;
  const lapsedProbability = 0.3;
  return `
CREATE OR REPLACE TEMP TABLE _cust AS
WITH r AS (
  SELECT i AS customer_id,
    ru(i, 41) % ${totalWeight(PLAN_WEIGHTS)} AS u_plan,
    rnd(i, 42) AS u_b2b,
    rnd(i, 43) AS u_account,
    ru(i, 44) % ${totalWeight(COUNTRY_WEIGHTS)} AS u_country,
    ru(i, 45) AS u_first,
    ru(i, 46) AS u_last,
    rnd(i, 47) AS u_city,
    ru(i, 48) % 100 AS u_pattern,
    ru(i, 49) AS u_number,
    ru(i, 50) % ${totalWeight(EMAIL_DOMAINS)} AS u_domain,
    ru(i, 51) AS u_phone,
    rnd(i, 52) AS u_no_phone,
    rnd(i, 53) AS u_signup,
    rnd(i, 54) AS u_lapsed,
    rnd(i, 55) AS u_lapse,
    rnd(i, 56) AS activity,
    rnd(i, 57) AS u_buyer,
    rnd(i, 58) AS u_email_opt,
    rnd(i, 59) AS u_sms_opt,
    rnd(i, 60) AS u_ads,
    rnd(i, 61) AS u_churn
  FROM range(1, ${p.customers + 1}) t(i)
), planned AS (
  SELECT r.*, ${weightedCase("u_plan", PLAN_WEIGHTS)} AS plan FROM r
), linked AS (
  SELECT planned.*,
    CASE WHEN u_b2b < (CASE plan WHEN 'free' THEN 0.12 WHEN 'starter' THEN 0.35 WHEN 'pro' THEN 0.7 ELSE 0.97 END)
      THEN 1 + ${permute(`floor(${p.accounts} * pow(u_account, 2))::BIGINT`, p.accounts, 3)} END AS account_id,
    ${weightedCase("u_country", COUNTRY_WEIGHTS)} AS b2c_country
  FROM planned
), located AS (
  SELECT l.*, coalesce(a.country, l.b2c_country) AS country, a.domain AS account_domain, a.created_off AS account_off
  FROM linked l LEFT JOIN _acct a USING (account_id)
), named AS (
  SELECT l.*, c.dial, c.eu,
    c.cities[1 + floor(len(c.cities) * pow(u_city, 1.8))::BIGINT] AS city,
    g.first_names[1 + u_first % len(g.first_names)] AS first_name,
    g.last_names[1 + u_last % len(g.last_names)] AS last_name
  FROM located l JOIN _countries c ON c.code = l.country JOIN _regions g ON g.region = c.region
), timed AS (
  SELECT n.*,
    (60 + floor(least(coalesce(account_off, ${SIGNUP_SPAN_DAYS * DAY}), ${SIGNUP_SPAN_DAYS * DAY}) * pow(u_signup, 1.15)))::BIGINT AS signup_off,
    (customer_id <> 1 AND u_lapsed < ${lapsedProbability}) AS lapsed,
    (customer_id = 1 OR u_buyer < (CASE plan WHEN 'free' THEN 0.62 WHEN 'starter' THEN 0.74 WHEN 'pro' THEN 0.84 ELSE 0.9 END)) AS buyer,
    ${cleaned("first_name")} AS f,
    ${cleaned("last_name")} AS l2
  FROM named n
), local AS (
  SELECT t.*,
    CASE WHEN lapsed THEN least(signup_off - 30, 7 * ${DAY} + floor(400 * ${DAY} * pow(u_lapse, 1.3))::BIGINT) ELSE 0 END AS idle_off,
    CASE
      WHEN u_pattern < 25 THEN f || '.' || l2
      WHEN u_pattern < 50 THEN f || '.' || l2 || (1 + u_number % 99)::VARCHAR
      WHEN u_pattern < 62 THEN f || (1 + u_number % 999)::VARCHAR
      WHEN u_pattern < 75 THEN left(f, 1) || l2
      WHEN u_pattern < 85 THEN f || '_' || l2
      WHEN u_pattern < 93 THEN l2 || '.' || f
      ELSE f || l2 || (1960 + u_number % 46)::VARCHAR
    END AS local_part,
    coalesce(account_domain, ${weightedCase("u_domain", EMAIL_DOMAINS)}) AS email_domain
  FROM timed t
)
SELECT customer_id,
  CASE WHEN row_number() OVER (PARTITION BY local_part, email_domain ORDER BY customer_id) = 1
    THEN local_part || '@' || email_domain
    ELSE local_part || '.' || customer_id::VARCHAR || '@' || email_domain END AS email,
  first_name, last_name,
  CASE
    WHEN u_no_phone < 0.12 THEN NULL
    WHEN country IN ('US', 'CA') THEN '+1' || (201 + u_phone % 789)::VARCHAR || '5550' || (100 + (u_phone // 1000) % 100)::VARCHAR
    WHEN country = 'GB' THEN '+447700900' || lpad((u_phone % 1000)::VARCHAR, 3, '0')
    WHEN country = 'AU' THEN '+61491570' || lpad((u_phone % 1000)::VARCHAR, 3, '0')
    ELSE '+' || dial || (CASE WHEN country IN ('IN', 'JP') THEN 7000000000 + u_phone % 2000000000 ELSE 600000000 + u_phone % 300000000 END)::VARCHAR
  END AS phone,
  country, city, plan, account_id, signup_off, idle_off, lapsed, buyer, activity,
  round(least(1.0, greatest(0.0,
    CASE WHEN lapsed THEN 0.55 + 0.4 * least(1.0, idle_off / ${150 * DAY})
      ELSE 0.06 + 0.3 * pow(1 - activity, 2) END
    - CASE plan WHEN 'free' THEN 0 WHEN 'starter' THEN 0.03 WHEN 'pro' THEN 0.05 ELSE 0.08 END
    + CASE WHEN buyer THEN 0 ELSE 0.08 END
    + (u_churn - 0.5) * 0.16)), 4) AS churn_score,
  u_email_opt < (CASE WHEN buyer THEN 0.76 ELSE 0.58 END) AS email_opt_in,
  u_no_phone >= 0.12 AND u_sms_opt < 0.3 AS sms_opt_in,
  u_ads < (CASE WHEN eu THEN 0.45 ELSE 0.7 END) AS ads_consent,
  -- order weight: buyers, more with activity and tenure
  CASE WHEN buyer THEN greatest(1, round(1000 * pow(0.2 + activity, 2)
      * (CASE plan WHEN 'free' THEN 1 WHEN 'starter' THEN 1.3 WHEN 'pro' THEN 1.7 ELSE 2.2 END)
      * least(signup_off - idle_off, ${730 * DAY}) / ${365 * DAY}))::BIGINT
    ELSE 0 END AS w_order,
  idle_off AS event_lo,
  least(signup_off, ${EVENT_WINDOW_DAYS * DAY}) AS event_hi
FROM local
ORDER BY customer_id;
`;
}

export function customersInsertSql(p: Plan): string {
  return `
INSERT INTO customers
WITH o AS (
  SELECT customer_id, sum(total) FILTER (WHERE status = 'completed') AS ltv, min(off) AS last_off
  FROM _ord GROUP BY customer_id
), e AS (
  SELECT customer_id, min(off) AS last_off FROM _ev GROUP BY customer_id
)
SELECT c.customer_id, c.email, c.first_name, c.last_name, c.phone, c.country, c.city, c.plan, c.account_id,
  ${ts("c.signup_off", p.anchorS)},
  coalesce(o.ltv, 0)::DECIMAL(12, 2),
  c.churn_score, c.email_opt_in, c.sms_opt_in, c.ads_consent,
  ${ts("least(c.signup_off, coalesce(o.last_off, c.signup_off), coalesce(e.last_off, c.signup_off))", p.anchorS)}
FROM _cust c LEFT JOIN o USING (customer_id) LEFT JOIN e USING (customer_id)
ORDER BY c.customer_id;
`;
}
