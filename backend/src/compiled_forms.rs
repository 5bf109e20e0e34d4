//! A cache of compiled form versions.
//!
//! Published versions never change (ARCHITECTURE.md invariant), so a compiled version can be
//! kept for the life of the process without invalidation.

use std::collections::HashMap;
use std::sync::{Arc, PoisonError, RwLock};

use shared::{CompiledForm, FormId};

use crate::db::forms::StoredFormVersion;

/// Compiled forms by (form, version).
#[derive(Debug, Clone, Default)]
pub(crate) struct CompiledForms(Arc<RwLock<HashMap<VersionKey, Arc<CompiledForm>>>>);

/// A form version: (form, version number).
type VersionKey = (FormId, u32);

impl CompiledForms {
    /// The compiled form of a stored version, compiling it on first use.
    pub(crate) fn get(&self, stored: &StoredFormVersion) -> anyhow::Result<Arc<CompiledForm>> {
        let key = (stored.form_id, stored.version);
        if let Some(compiled) = self
            .0
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&key)
        {
            return Ok(Arc::clone(compiled));
        }
        // A stored version passed the definition check when it was published; failing here
        // means the data was changed behind the application's back.
        let compiled = Arc::new(CompiledForm::new(stored.definition.clone()).map_err(
            |errors| {
                anyhow::anyhow!(
                    "stored form {} v{} does not compile: {errors:?}",
                    stored.form_id,
                    stored.version
                )
            },
        )?);
        self.0
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(key, Arc::clone(&compiled));
        Ok(compiled)
    }
}
