/**
 * SQL for `accounts`: B2B companies with unique names and `<company>.example` domains.
 * Also leaves the temporary `_acct` table (with `created_off`, seconds before today) that
 * `customers` joins to give business customers their company's country and email domain.
 */
import { DAY, type Plan } from "./plan";
import { pickFrom, sqlList, totalWeight, ts, weightedCase } from "./sql";
import {
  COMPANY_NAME_QUALIFIERS,
  COMPANY_PREFIXES,
  COMPANY_SUFFIXES,
  COUNTRY_WEIGHTS,
  INDUSTRY_WEIGHTS,
} from "./vocabulary";

export function accountsSql(p: Plan): string {
  return `
CREATE OR REPLACE TEMP TABLE _acct AS
WITH r AS (
  SELECT i AS account_id,
    ru(i, 21) % ${totalWeight(INDUSTRY_WEIGHTS)} AS u_industry,
    ru(i, 22) AS u_prefix,
    ru(i, 23) AS u_suffix,
    ru(i, 24) AS u_noun,
    rnd(i, 25) AS u_size,
    ru(i, 26) % ${totalWeight(COUNTRY_WEIGHTS)} AS u_country,
    rnd(i, 27) AS u_created
  FROM range(1, ${p.accounts + 1}) t(i)
), named AS (
  SELECT r.account_id,
    ${weightedCase("u_industry", INDUSTRY_WEIGHTS)} AS industry,
    ${pickFrom(COMPANY_PREFIXES, "u_prefix")} || ${pickFrom(COMPANY_SUFFIXES, "u_suffix")} AS stem,
    u_noun, u_size, u_created,
    ${weightedCase("u_country", COUNTRY_WEIGHTS)} AS country
  FROM r
), withnoun AS (
  SELECT n.*, n.stem || ' ' || i.nouns[1 + n.u_noun % len(i.nouns)] AS base_name
  FROM named n JOIN _industries i USING (industry)
), numbered AS (
  SELECT w.*, row_number() OVER (PARTITION BY base_name ORDER BY account_id) AS name_rank FROM withnoun w
), unique_names AS (
  -- "Stem Noun", then "Stem Noun International", ..., then "Stem Noun 7": unique by construction.
  SELECT u.*, base_name || CASE
      WHEN name_rank = 1 THEN ''
      WHEN name_rank <= ${COMPANY_NAME_QUALIFIERS.length + 1} THEN ' ' || ${sqlList(COMPANY_NAME_QUALIFIERS)}[name_rank - 1]
      ELSE ' ' || name_rank::VARCHAR END AS name
  FROM numbered u
)
SELECT account_id, name,
  regexp_replace(lower(name), '[^a-z0-9]+', '-', 'g') || '.example' AS domain,
  industry,
  round(pow(10, 0.6 + 3.9 * pow(u_size, 2.2)))::INTEGER AS employee_count,
  country,
  (7 * ${DAY} + floor(1400 * ${DAY} * pow(u_created, 0.9)))::BIGINT AS created_off
FROM unique_names
ORDER BY account_id;

INSERT INTO accounts
SELECT account_id, name, domain, industry, employee_count, country, ${ts("created_off", p.anchorS)}
FROM _acct ORDER BY account_id;
`;
}
