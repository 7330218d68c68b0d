//! The admin half of the Redis client: read-only commands the port lacks
//! (SCAN, EXISTS, GET, HGETALL, HMGET, ZRANGEBYSCORE, LRANGE, XREVRANGE, XREAD,
//! INFO, CLIENT LIST, ...) and writes to keys queuectl owns (heartbeats, the
//! dead-letter list), never to a BullMQ key.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use redis::cluster_routing::{MultipleNodeRoutingInfo, RoutingInfo};
use redis::{Cmd, FromRedisValue};

use super::{Admin, Redis, StreamEntry};

impl Redis {
    /// All keys matching `pattern`, by SCAN (never KEYS); on Cluster, of
    /// every master, since keys with no common hash tag spread over them all.
    pub async fn scan(&self, pattern: &str) -> Result<Vec<String>, bullmq::Error> {
        let mut keys = Vec::new();
        for node in self.scan_nodes().await? {
            let mut cursor: u64 = 0;
            loop {
                let mut cmd = redis::cmd("SCAN");
                cmd.arg(cursor)
                    .arg("MATCH")
                    .arg(pattern)
                    .arg("COUNT")
                    .arg(1000);
                let (next, batch): (u64, Vec<String>) = self.query_on(cmd, node.clone()).await?;
                keys.extend(batch);
                if next == 0 {
                    break;
                }
                cursor = next;
            }
        }
        Ok(keys)
    }

    /// EXISTS for each key, in one round trip.
    pub async fn exists_many(&self, keys: &[String]) -> Result<Vec<bool>, bullmq::Error> {
        self.pipelined(keys, |k| {
            let mut c = redis::cmd("EXISTS");
            c.arg(k);
            c
        })
        .await
    }

    /// GET for each key, in one round trip.
    pub async fn get_many(&self, keys: &[String]) -> Result<Vec<Option<String>>, bullmq::Error> {
        self.pipelined(keys, |k| {
            let mut c = redis::cmd("GET");
            c.arg(k);
            c
        })
        .await
    }

    /// A key's value and its remaining time to live in ms (`PTTL`: -2 when
    /// absent, -1 without an expiry), in one round trip (not MULTI: a full
    /// Redis and a read-only ACL user refuse a transaction).
    pub async fn get_with_ttl(&self, key: &str) -> Result<(Option<String>, i64), bullmq::Error> {
        let mut get = redis::cmd("GET");
        get.arg(key);
        let mut pttl = redis::cmd("PTTL");
        pttl.arg(key);
        let replies: Vec<redis::Value> = self.pipelined_on(vec![get, pttl], 2, false).await?;
        let [value, ttl] = <[redis::Value; 2]>::try_from(replies).map_err(|_| {
            redis::RedisError::from((redis::ErrorKind::Parse, "GET and PTTL: not two replies"))
        })?;
        let value = Option::<String>::from_redis_value(value).map_err(redis::RedisError::from)?;
        let ttl = i64::from_redis_value(ttl).map_err(redis::RedisError::from)?;
        Ok((value, ttl))
    }

    /// The whole hash at `key` (empty when absent).
    pub async fn hgetall(&self, key: &str) -> Result<HashMap<String, String>, bullmq::Error> {
        let mut cmd = redis::cmd("HGETALL");
        cmd.arg(key);
        self.query(cmd, Some(key)).await
    }

    /// The newest `count` entries of the stream at `key`, newest first
    /// (XREVRANGE); empty when the stream does not exist.
    pub async fn stream_tail(
        &self,
        key: &str,
        count: usize,
    ) -> Result<Vec<StreamEntry>, bullmq::Error> {
        let mut cmd = redis::cmd("XREVRANGE");
        cmd.arg(key).arg("+").arg("-").arg("COUNT").arg(count);
        self.query(cmd, Some(key)).await
    }

    /// Entries after `ids[i]` on each stream `keys[i]` (XREAD), at most `count`
    /// per stream; with `block`, waits up to that long for the first one.
    /// Empty when nothing arrived. On Cluster the streams of queues in
    /// different slots are read by one XREAD per hash tag, side by side; a
    /// blocking read returns with the first that brings entries (the others
    /// are dropped: XREAD consumes nothing, so the next read finds them).
    pub async fn stream_read(
        &self,
        keys: &[String],
        ids: &[String],
        count: usize,
        block: Option<Duration>,
    ) -> Result<Vec<(String, Vec<StreamEntry>)>, bullmq::Error> {
        let groups = slot_groups(keys, self.is_cluster());
        let reads = groups.iter().map(|group| {
            let keys: Vec<&String> = group.iter().map(|&i| &keys[i]).collect();
            let ids: Vec<&String> = group.iter().map(|&i| &ids[i]).collect();
            Box::pin(self.stream_read_one(keys, ids, count, block))
        });
        let mut pending: Vec<_> = reads.collect();
        let mut out = Vec::new();
        while !pending.is_empty() {
            let (reply, _, rest) = futures::future::select_all(pending).await;
            out.extend(reply?);
            if block.is_some() && !out.is_empty() {
                break;
            }
            pending = rest;
        }
        Ok(out)
    }

    /// One XREAD of streams that share a slot.
    async fn stream_read_one(
        &self,
        keys: Vec<&String>,
        ids: Vec<&String>,
        count: usize,
        block: Option<Duration>,
    ) -> Result<Vec<(String, Vec<StreamEntry>)>, bullmq::Error> {
        let mut cmd = redis::cmd("XREAD");
        cmd.arg("COUNT").arg(count);
        if let Some(block) = block {
            cmd.arg("BLOCK").arg(block.as_millis().max(1) as u64);
        }
        cmd.arg("STREAMS").arg(&keys).arg(&ids);
        let waits = block.unwrap_or_default();
        let reply: Option<Vec<(String, Vec<StreamEntry>)>> = self
            .query_waiting(cmd, keys.first().map(|k| k.as_str()), waits)
            .await?;
        Ok(reply.unwrap_or_default())
    }

    /// ZCOUNT: members of the sorted set `key` scored within `[min, max]`.
    pub async fn zcount(&self, key: &str, min: &str, max: &str) -> Result<u64, bullmq::Error> {
        let mut cmd = redis::cmd("ZCOUNT");
        cmd.arg(key).arg(min).arg(max);
        self.query(cmd, Some(key)).await
    }

    /// ZCARD: the size of the sorted set `key`.
    pub async fn zcard(&self, key: &str) -> Result<u64, bullmq::Error> {
        let mut cmd = redis::cmd("ZCARD");
        cmd.arg(key);
        self.query(cmd, Some(key)).await
    }

    /// LLEN: the length of the list `key`.
    pub async fn llen(&self, key: &str) -> Result<u64, bullmq::Error> {
        let mut cmd = redis::cmd("LLEN");
        cmd.arg(key);
        self.query(cmd, Some(key)).await
    }

    /// XLEN: the number of entries in the stream `key`.
    pub async fn xlen(&self, key: &str) -> Result<u64, bullmq::Error> {
        let mut cmd = redis::cmd("XLEN");
        cmd.arg(key);
        self.query(cmd, Some(key)).await
    }

    /// LRANGE: the elements `start..=stop` of the list `key` (negative counts from the tail).
    pub async fn lrange(
        &self,
        key: &str,
        start: i64,
        stop: i64,
    ) -> Result<Vec<String>, bullmq::Error> {
        let mut cmd = redis::cmd("LRANGE");
        cmd.arg(key).arg(start).arg(stop);
        self.query(cmd, Some(key)).await
    }

    /// ZRANGE (lowest score first) or ZREVRANGE: members `start..=stop` of the sorted set `key`.
    pub async fn zrange(
        &self,
        key: &str,
        start: i64,
        stop: i64,
        highest_first: bool,
    ) -> Result<Vec<String>, bullmq::Error> {
        let mut cmd = redis::cmd(if highest_first { "ZREVRANGE" } else { "ZRANGE" });
        cmd.arg(key).arg(start).arg(stop);
        self.query(cmd, Some(key)).await
    }

    /// HGETALL of each hash in `keys`, in one round trip (empty maps for absent keys).
    pub async fn hgetall_many(
        &self,
        keys: &[String],
    ) -> Result<Vec<HashMap<String, String>>, bullmq::Error> {
        self.pipelined(keys, |k| {
            let mut c = redis::cmd("HGETALL");
            c.arg(k);
            c
        })
        .await
    }

    /// For each `(key, is_list)`, its length (LLEN for a list, ZCARD for a
    /// sorted set), in one pipeline. All keys must belong to one queue.
    pub async fn lengths(&self, structures: &[(String, bool)]) -> Result<Vec<u64>, bullmq::Error> {
        let cmds: Vec<Cmd> = structures
            .iter()
            .map(|(key, is_list)| {
                let mut c = redis::cmd(if *is_list { "LLEN" } else { "ZCARD" });
                c.arg(key);
                c
            })
            .collect();
        self.pipelined_on(cmds, structures.len(), false).await
    }

    /// For each `(key, is_list)` in order, whether it holds `member` (LPOS for
    /// a list, ZSCORE for a sorted set), in one pipeline of read commands. All
    /// keys must belong to one queue.
    pub async fn holders_of(
        &self,
        structures: &[(String, bool)],
        member: &str,
    ) -> Result<Vec<bool>, bullmq::Error> {
        let cmds: Vec<Cmd> = structures
            .iter()
            .map(|(key, is_list)| {
                let mut c = redis::cmd(if *is_list { "LPOS" } else { "ZSCORE" });
                c.arg(key).arg(member);
                c
            })
            .collect();
        let found: Vec<redis::Value> = self.pipelined_on(cmds, structures.len(), false).await?;
        Ok(found
            .iter()
            .map(|v| !matches!(v, redis::Value::Nil))
            .collect())
    }

    /// Every element of the list `key`, head first (LRANGE 0 -1).
    pub async fn list_all(&self, key: &str) -> Result<Vec<String>, bullmq::Error> {
        let mut cmd = redis::cmd("LRANGE");
        cmd.arg(key).arg(0).arg(-1);
        self.query(cmd, Some(key)).await
    }

    /// ZSCORE of each member in the sorted set `key`, as Redis spells the score.
    pub async fn zscore_many(
        &self,
        key: &str,
        members: &[String],
    ) -> Result<Vec<Option<String>>, bullmq::Error> {
        let cmds = members
            .iter()
            .map(|m| {
                let mut c = redis::cmd("ZSCORE");
                c.arg(key).arg(m);
                c
            })
            .collect();
        self.pipelined_on(cmds, 1, false).await
    }

    /// TYPE of each key, pipelined.
    pub async fn types_many(&self, keys: &[String]) -> Result<Vec<String>, bullmq::Error> {
        self.pipelined(keys, |k| {
            let mut c = redis::cmd("TYPE");
            c.arg(k);
            c
        })
        .await
    }

    /// For each member: whether any of `lists` (LPOS) or `zsets` (ZSCORE) holds
    /// it. Each chunk is read in one MULTI, so a job moving between two of these
    /// structures is never seen in neither. All keys must belong to one queue.
    pub async fn member_of_any(
        &self,
        lists: &[String],
        zsets: &[String],
        members: &[String],
    ) -> Result<Vec<bool>, bullmq::Error> {
        let per_member = lists.len() + zsets.len();
        if per_member == 0 {
            return Ok(vec![false; members.len()]);
        }
        let mut cmds = Vec::with_capacity(members.len() * per_member);
        for m in members {
            for list in lists {
                let mut c = redis::cmd("LPOS");
                c.arg(list).arg(m);
                cmds.push(c);
            }
            for zset in zsets {
                let mut c = redis::cmd("ZSCORE");
                c.arg(zset).arg(m);
                cmds.push(c);
            }
        }
        let found: Vec<redis::Value> = self.pipelined_on(cmds, per_member, true).await?;
        Ok(found
            .chunks(per_member)
            .map(|replies| replies.iter().any(|v| !matches!(v, redis::Value::Nil)))
            .collect())
    }

    /// Sets a queuectl-owned key (a worker heartbeat) with a TTL. Never used
    /// on BullMQ's keys: queue state only changes through the port.
    pub async fn set_owned(
        &self,
        key: &str,
        value: &str,
        ttl: Duration,
    ) -> Result<(), bullmq::Error> {
        let mut cmd = redis::cmd("SET");
        cmd.arg(key)
            .arg(value)
            .arg("PX")
            .arg(ttl.as_millis() as u64);
        self.write::<()>(cmd, Some(key)).await
    }

    /// Deletes a queuectl-owned key (a worker's heartbeat when it stops).
    pub async fn del_owned(&self, key: &str) -> Result<(), bullmq::Error> {
        let mut cmd = redis::cmd("DEL");
        cmd.arg(key);
        self.write::<()>(cmd, Some(key)).await
    }

    /// Appends a record to a list the user named (the dead-letter list), which
    /// lies outside every queue's keys.
    pub async fn push_record(&self, key: &str, value: &str) -> Result<(), bullmq::Error> {
        let mut cmd = redis::cmd("LPUSH");
        cmd.arg(key).arg(value);
        self.write::<()>(cmd, Some(key)).await
    }

    /// Members of the sorted set `key` with scores from `min` to `max` (Redis
    /// range syntax, e.g. `(100` for exclusive), lowest score first, with their
    /// scores as whole numbers.
    pub async fn zrange_by_score(
        &self,
        key: &str,
        min: &str,
        max: &str,
    ) -> Result<Vec<(String, u64)>, bullmq::Error> {
        let mut cmd = redis::cmd("ZRANGEBYSCORE");
        cmd.arg(key).arg(min).arg(max).arg("WITHSCORES");
        Ok(with_scores(self.query(cmd, Some(key)).await?))
    }

    /// The member of the sorted set `key` with the lowest score at or above
    /// `min` (Redis range syntax), with its score as a whole number.
    pub async fn first_by_score(
        &self,
        key: &str,
        min: &str,
    ) -> Result<Option<(String, u64)>, bullmq::Error> {
        let mut cmd = redis::cmd("ZRANGEBYSCORE");
        cmd.arg(key)
            .arg(min)
            .arg("+inf")
            .arg("WITHSCORES")
            .arg("LIMIT")
            .arg(0)
            .arg(1);
        Ok(with_scores(self.query(cmd, Some(key)).await?).pop())
    }

    /// HMGET `fields` of each hash in `keys`, in one round trip.
    pub async fn hmget_many(
        &self,
        keys: &[String],
        fields: &[&str],
    ) -> Result<Vec<Vec<Option<String>>>, bullmq::Error> {
        self.pipelined(keys, |k| {
            let mut c = redis::cmd("HMGET");
            c.arg(k).arg(fields);
            c
        })
        .await
    }

    /// Removes one occurrence of exactly `value` from a list the user named (a
    /// dead-letter record); returns whether it was there.
    pub async fn remove_record(&self, key: &str, value: &str) -> Result<bool, bullmq::Error> {
        let mut cmd = redis::cmd("LREM");
        cmd.arg(key).arg(1).arg(value);
        let removed: i64 = self.write(cmd, Some(key)).await?;
        Ok(removed > 0)
    }

    /// Round-trip time of one PING, or of one DBSIZE (a fast read) when the
    /// server refuses PING (an ACL user allowed only `@read`).
    pub async fn ping(&self) -> Result<Duration, bullmq::Error> {
        let started = Instant::now();
        if refused_as_none(self.query(redis::cmd("PING"), None).await)?.is_some() {
            return Ok(started.elapsed());
        }
        let started = Instant::now();
        let _: u64 = self.query(redis::cmd("DBSIZE"), None).await?;
        Ok(started.elapsed())
    }

    /// The `field:value` lines of one `INFO` section, or `None` when the
    /// server refuses INFO (an ACL user without `@dangerous`). Connection
    /// failures are errors.
    pub async fn info(
        &self,
        section: &str,
    ) -> Result<Option<HashMap<String, String>>, bullmq::Error> {
        let mut cmd = redis::cmd("INFO");
        cmd.arg(section);
        Ok(
            refused_as_none(self.query::<redis::Value>(cmd, None).await)?
                .map(|v| String::from_redis_value(v).map(|text| parse_info(&text)))
                .transpose()
                .map_err(redis::RedisError::from)?,
        )
    }

    /// The `CLIENT LIST` text of the server (of every primary on Cluster), or
    /// `None` when it is refused (hosted Redis and read-only ACL users often
    /// refuse it, which hides BullMQ's worker list). Connection failures are errors.
    pub async fn client_lists(&self) -> Result<Option<Vec<String>>, bullmq::Error> {
        let mut cmd = redis::cmd("CLIENT");
        cmd.arg("LIST");
        let every = RoutingInfo::MultiNode((MultipleNodeRoutingInfo::AllMasters, None));
        let reply = self.query_routed(cmd, every, Duration::ZERO, self.retries_reads());
        let Some(value) = refused_as_none(reply.await)? else {
            return Ok(None);
        };
        Ok(client_list_texts(value))
    }

    async fn pipelined<T: FromRedisValue>(
        &self,
        keys: &[String],
        build: impl Fn(&str) -> Cmd,
    ) -> Result<Vec<T>, bullmq::Error> {
        // A pipeline must stay in one slot on Cluster: one per hash tag, each
        // reply put back at its key's place.
        let mut out: Vec<Option<T>> = (0..keys.len()).map(|_| None).collect();
        for group in slot_groups(keys, self.is_cluster()) {
            for chunk in group.chunks(1000) {
                let mut pipe = redis::pipe();
                for &i in chunk {
                    pipe.add_command(build(&keys[i]));
                }
                let call = || pipe_query(self.admin(), &pipe);
                let part: Vec<T> = self.within(Duration::ZERO, call).await?;
                for (&i, reply) in chunk.iter().zip(part) {
                    out[i] = Some(reply);
                }
            }
        }
        Ok(out.into_iter().flatten().collect())
    }

    /// Runs read-only `cmds` that all touch keys of one queue (one Cluster slot), in
    /// pipelines of about 1000 commands that never split a group of `group`;
    /// `atomic` wraps each pipeline in MULTI/EXEC.
    async fn pipelined_on<T: FromRedisValue>(
        &self,
        cmds: Vec<Cmd>,
        group: usize,
        atomic: bool,
    ) -> Result<Vec<T>, bullmq::Error> {
        let mut out = Vec::with_capacity(cmds.len());
        let chunk = (1000 / group.max(1)).max(1) * group.max(1);
        for part in cmds.chunks(chunk) {
            let mut pipe = redis::pipe();
            if atomic {
                pipe.atomic();
            }
            for c in part {
                pipe.add_command(c.clone());
            }
            // On Cluster, routed by its keys, which share the queue's hash tag.
            let call = || pipe_query::<redis::Value>(self.admin(), &pipe);
            let value = self.within(Duration::ZERO, call).await?;
            let part: Vec<T> =
                FromRedisValue::from_redis_value(value).map_err(redis::RedisError::from)?;
            out.extend(part);
        }
        Ok(out)
    }
}

/// Runs `pipe` on the admin connection; on Cluster it goes to the node that
/// owns its keys.
async fn pipe_query<T: FromRedisValue>(
    admin: Admin,
    pipe: &redis::Pipeline,
) -> redis::RedisResult<T> {
    match admin {
        Admin::Single(mut conn) => pipe.query_async(&mut conn).await,
        Admin::Cluster(mut conn) => pipe.query_async(&mut conn).await,
    }
}

/// The indexes of `keys` grouped by hash tag (by whole key when untagged), in
/// first-seen order: the keys one multi-key command may take on Cluster.
/// Standalone, one group.
fn slot_groups(keys: &[String], cluster: bool) -> Vec<Vec<usize>> {
    if !cluster {
        return vec![(0..keys.len()).collect()];
    }
    let mut groups: Vec<(&str, Vec<usize>)> = Vec::new();
    for (i, key) in keys.iter().enumerate() {
        let tag = super::slot::hash_tag(key).unwrap_or(key);
        match groups.iter_mut().find(|(t, _)| *t == tag) {
            Some((_, group)) => group.push(i),
            None => groups.push((tag, vec![i])),
        }
    }
    groups.into_iter().map(|(_, group)| group).collect()
}

/// An error reply (NOPERM, an unknown or renamed command) as `None`; a
/// connection failure stays an error. Asked for a raw Value, an error reply
/// may also come back as a value rather than an Err.
fn refused_as_none(
    reply: Result<redis::Value, bullmq::Error>,
) -> Result<Option<redis::Value>, bullmq::Error> {
    match reply {
        Ok(redis::Value::ServerError(_)) => Ok(None),
        Ok(value) => Ok(Some(value)),
        Err(bullmq::Error::Redis(e)) if e.code().is_some() => Ok(None),
        Err(e) => Err(e),
    }
}

/// The CLIENT LIST texts in a reply: one string, or on Cluster a map of
/// node address to reply. `None` when a node refused it.
fn client_list_texts(value: redis::Value) -> Option<Vec<String>> {
    match value {
        redis::Value::ServerError(_) => None,
        redis::Value::Map(replies) => replies
            .into_iter()
            .map(|(_, reply)| client_list_texts(reply))
            .collect::<Option<Vec<_>>>()
            .map(|texts| texts.concat()),
        other => Some(String::from_redis_value(other).into_iter().collect()),
    }
}

/// `field:value` lines of an INFO reply; `#` headers and blank lines are skipped.
fn parse_info(text: &str) -> HashMap<String, String> {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.trim_end().split_once(':'))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// A `WITHSCORES` reply (member, score, member, score, ...) as pairs, the
/// scores as whole numbers.
fn with_scores(flat: Vec<String>) -> Vec<(String, u64)> {
    flat.chunks(2)
        .filter_map(|pair| match pair {
            [member, score] => Some((member.clone(), score.parse::<f64>().ok()? as u64)),
            _ => None,
        })
        .collect()
}

/// Read helpers of `export` and `import`.
impl Redis {
    /// Every element of each list in `keys` (LRANGE 0 -1), pipelined.
    pub async fn list_all_many(&self, keys: &[String]) -> Result<Vec<Vec<String>>, bullmq::Error> {
        self.pipelined(keys, |k| {
            let mut c = redis::cmd("LRANGE");
            c.arg(k).arg(0).arg(-1);
            c
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_lists_come_one_per_node_and_a_refusing_node_means_unavailable() {
        let text = |s: &str| redis::Value::BulkString(s.as_bytes().to_vec());
        assert_eq!(
            client_list_texts(text("id=1 name=a")),
            Some(vec!["id=1 name=a".into()])
        );
        let nodes =
            |second| redis::Value::Map(vec![(text("n1:1"), text("id=1")), (text("n2:2"), second)]);
        assert_eq!(
            client_list_texts(nodes(text("id=2"))),
            Some(vec!["id=1".into(), "id=2".into()])
        );
        let refused = redis::parse_redis_value(b"-NOPERM no permissions\r\n").unwrap();
        assert!(
            matches!(refused, redis::Value::ServerError(_)),
            "{refused:?}"
        );
        assert_eq!(client_list_texts(nodes(refused)), None);
    }

    #[test]
    fn streams_group_by_hash_tag_on_cluster_only() {
        let keys: Vec<String> = ["bull:{a}:events", "bull:{b}:events", "bull:{a}:x", "plain"]
            .map(String::from)
            .to_vec();
        assert_eq!(slot_groups(&keys, true), [vec![0, 2], vec![1], vec![3]]);
        assert_eq!(slot_groups(&keys, false), [vec![0, 1, 2, 3]]);
    }

    #[test]
    fn info_lines_become_fields() {
        let info =
            parse_info("# Memory\r\nused_memory:1024\r\nmaxmemory_policy:noeviction\r\n\r\n");
        assert_eq!(info["used_memory"], "1024");
        assert_eq!(info["maxmemory_policy"], "noeviction");
        assert_eq!(info.len(), 2);
    }
}
