//! `--shard K/N` and `--shard-by`: which part of the run this process takes.

use super::args::{RunArgs, ShardBy};
use super::Fail;
use postie::collection::{Collection, Selection};
use postie::runner::{Shard, Share};

/// The share of the run, and the selection it implies with `--shard-by folder`.
pub struct Taken {
    pub share: Share,
    pub selection: Selection,
}

pub fn share(args: &RunArgs, collection: &Collection) -> Result<Taken, Fail> {
    if args.parallel == 0 {
        return Err(Fail::usage("--parallel: expected a positive number"));
    }
    let folders = Selection::folders(args.folder.iter().cloned());
    let Some(text) = &args.shard else {
        return Ok(Taken {
            share: Share::default(),
            selection: folders,
        });
    };
    let shard = Shard::parse(text).map_err(|e| Fail::usage(format!("--shard {e}")))?;
    match args.shard_by {
        ShardBy::Iteration => Ok(Taken {
            share: Share {
                shard: Some(shard),
                worker: None,
            },
            selection: folders,
        }),
        ShardBy::Folder => {
            if !args.folder.is_empty() {
                return Err(Fail::usage(
                    "--shard-by folder: cannot be combined with --folder",
                ));
            }
            // Top-level items (folders, and requests outside any), by id where
            // they have one: names may repeat.
            let tops: Vec<String> = collection
                .item
                .iter()
                .map(|i| i.id.clone().unwrap_or_else(|| i.name.clone()))
                .collect();
            let mine: Vec<String> = tops[shard.slice(tops.len())].to_vec();
            Ok(Taken {
                share: Share::default(),
                selection: Selection::folders(mine),
            })
        }
    }
}
