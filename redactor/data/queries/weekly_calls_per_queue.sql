-- Calls per queue and ISO week
-- How many calls each queue handled per week, with total and average call time.
-- The queue is the export's queue metadata; Klang API exports have none, so their folder
-- (metadata folder_id) stands in, else "(none)". Narrow the weeks with --since/--until.
SELECT
    strftime(call_date, '%G-W%V')                                  AS week,
    CAST(date_trunc('week', call_date) AS DATE)                    AS week_start,
    coalesce(nullif(queue, ''), metadata['folder_id'], '(none)')   AS queue,
    count(*)                                                       AS calls,
    count(*) FILTER (WHERE direction = 'inbound')                  AS inbound,
    count(*) FILTER (WHERE direction = 'outbound')                 AS outbound,
    round(sum(duration_seconds) / 3600, 2)                         AS total_hours,
    round(avg(duration_seconds) / 60, 1)                           AS avg_minutes
FROM calls
GROUP BY ALL
ORDER BY week_start, calls DESC, queue;
