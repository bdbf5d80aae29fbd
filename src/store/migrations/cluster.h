// The DDL of the cluster migrations (several `pol serve` nodes on one database, issue 14): defined in
// migrations/cluster.cc; only store/migrations.cc includes this header.
#pragma once

namespace pol::store::schema {

extern const char* const kV70Leases;
// migrations/cluster_shared.cc
extern const char* const kV71SharedThrottles;
extern const char* const kV72ModelVersions;
// migrations/cluster_notify.cc
extern const char* const kV73ClusterNotifyPostgres;

}  // namespace pol::store::schema
