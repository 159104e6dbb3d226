-- Call duration statistics per queue
-- Minimum, median, mean, 90th percentile and maximum call length in minutes per queue, and a
-- final "(all queues)" row. Calls without a duration are counted in `calls` but not in the
-- statistics (`with_duration` says how many had one).
WITH c AS (
    SELECT coalesce(nullif(queue, ''), metadata['folder_id'], '(none)') AS queue, duration_seconds
    FROM calls
)
SELECT
    CASE WHEN grouping(queue) = 1 THEN '(all queues)' ELSE queue END   AS queue,
    count(*)                                                          AS calls,
    count(duration_seconds)                                           AS with_duration,
    round(min(duration_seconds) / 60, 1)                              AS min_minutes,
    round(median(duration_seconds) / 60, 1)                           AS median_minutes,
    round(avg(duration_seconds) / 60, 1)                              AS avg_minutes,
    round(quantile_cont(duration_seconds, 0.9) / 60, 1)               AS p90_minutes,
    round(max(duration_seconds) / 60, 1)                              AS max_minutes
FROM c
GROUP BY GROUPING SETS ((queue), ())
ORDER BY grouping(queue), calls DESC, queue;
