#!/usr/bin/env bash
# Notifications under a storm (docs/benchmarks.md#notifications): a generated district of 50 towns on PostgreSQL
# (the database wf_bench_notify, dropped and recreated), one group robot a town (25 WeCom-like, 25 DingTalk-like,
# stand-ins on port 8097 that take 20 messages in any 60 s and answer 130101 / 45009 beyond), and 1,000 alerts
# fired through the ingest API in one minute.
#
# How the alerts are driven: the shipped rule escalated-petition fires a critical alert for a report of
# escalated_petitions=1 on a petition desk; the district has one desk a village, and each window has its own
# block of villages, so every report fires a fresh alert (a repeat on an open alert only counts) on one of
# 1,000 distinct desks. Each alert reaches exactly one channel: its town's robot (channel and route scoped to the
# town, alert.fired, critical). The towns are hit unevenly, as a storm does: half 30 alerts, half 10 (SKEW 0.5),
# so half the channels must merge what exceeds their budget into a digest.
#
# Prints (a) a channel's first alert (its report's acknowledgement) to its first message, p50/p99 over the
# channels; (b) every alert carried (singles + "另有 N 条通知" of each digest), none refused, the outbox left
# with no pending or failed row; (c) ingest beside the storm with the channels against ingest beside the same
# storm without channels, windows alternated in the same run (without, then PAIRS times with and without), as
# reports/s and as the rate each window's CPU would carry on the whole machine. Writes target/bench/notify.txt.
# BENCH_NOTIFY_POOL=N sets store.pg.notify-pool-size (default 2) for the run.
# BENCH_JAR=FILE starts that server jar instead of target/watchfloor.jar (a before and after of a change);
# BENCH_SERVER_JFR=DIR records the server in DIR (each window's bounds are printed, to cut the recording by window).
# Usage: bench/notify.sh [ALERTS] [CHANNELS] [WINDOW_SECONDS] [FIRE_SECONDS] [WARMUP_SECONDS] [SKEW] [PAIRS]
#        (default 1000 50 90 60 90 0.5 2)
source "$(dirname "$0")/lib.sh"
bench_package
bench_run NotifyBench -Xms512m -Xmx512m -XX:+UseParallelGC -- "$@"
