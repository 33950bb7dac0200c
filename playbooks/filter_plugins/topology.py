"""Who talks to whom in a site, derived from the inventory's groups: the one place the topology is computed.

The groups are the whole topology (README, "Grow past one server"): `web` runs the app, `db` is the
one database host, `lb` (optional) balances the web hosts, `db_replica` (optional) are hot standbys.
group_vars/all hands these values to the roles and playbooks/preflight.yml stops on the problems;
tests/test_topology.py renders them for every inventory shape.

site_topology_problems(groups, private_network) -> the reasons the groups make no site ([] when they do).
site_topology(host, groups, hostvars) -> the host's part of the site, a dict:
  web, db, lb, replica, public    what the host is (public: it answers 80/443 to everyone)
  balancers, replicas, remote_web the hosts in lb, in db_replica, and in web but not in db
  primary_db                      the host in db (the primary the standbys follow), or ''
  db_host                         the database host the app on this host uses, or ''
  db_address, db_certificate      how the app reaches it: '' and '' over the local socket, else its
                                  private address and the certificate it made (the app's only root)
  firewall_ports                  what ufw opens beyond SSH: 80/443 to everyone on a public host, 80
                                  from the balancers, 5432 from the web hosts and standbys
  postgresql_listen_addresses, postgresql_hba_networks, postgresql_replication_networks,
  postgresql_primary_address, primary_certificate
                                  the database server's side of the same (a standby follows the
                                  primary at that address, trusting only that certificate)
  haproxy_backends                [{name, address}] of the web hosts, on the balancer
  trusted_proxies                 the balancers' addresses, whose X-Forwarded-* nginx believes

`hostvars` is read lazily, only for the hosts a value needs: a host's private address (the fact-based
`site_private_address` of group_vars/all) and the `postgresql_server_certificate` the database host
published (a fact of its run: '' until then).
"""

from __future__ import annotations


def _members(groups, name: str) -> list:
    return list(groups.get(name) or [])


def site_topology_problems(groups, private_network: str = "") -> list:
    web, db, lb, replicas = (_members(groups, name) for name in ("web", "db", "lb", "db_replica"))
    remote_web = [host for host in web if host not in db]
    problems = []
    if not web:
        problems.append("The inventory has no host in the web group: put the host that serves the site in web "
                        "(and in db for a single server).")
    if lb and not web:
        problems.append(f"The lb group has hosts ({', '.join(lb)}) but web has none for it to balance.")
    if remote_web and not db:
        verb = "is" if len(remote_web) == 1 else "are"
        problems.append(f"{', '.join(remote_web)} in web {verb} not in db, and the db group is empty: add the database "
                        "host to db (or the web host itself, for a single server).")
    if remote_web and len(db) > 1:
        problems.append(f"The db group has {len(db)} hosts ({', '.join(db)}): web hosts without a database of their own "
                        f"({', '.join(remote_web)}) need exactly one database host. Put a standby in db_replica, not in db.")
    if replicas and (len(db) != 1 or set(replicas) & set(db + web)):
        problems.append(f"The db_replica hosts ({', '.join(replicas)}) need exactly one host in db to follow, "
                        "and must be in neither db nor web (a standby is read-only).")
    if (remote_web or lb or replicas) and not private_network:
        problems.append("The site spans several hosts (a balancer, a standby, or web hosts apart from the database) but "
                        "site_private_network is not set: give the private network they share, e.g. "
                        "site_private_network: 10.0.0.0/24.")
    return problems


def site_topology(host: str, groups, hostvars) -> dict:
    web, db, lb, replicas = (_members(groups, name) for name in ("web", "db", "lb", "db_replica"))
    remote_web = [name for name in web if name not in db]

    def address(name: str) -> str:
        return hostvars[name]["site_private_address"]

    def certificate(name: str) -> str:
        return hostvars[name].get("postgresql_server_certificate") or ""

    def networks(names: list) -> list:
        return [f"{address(name)}/32" for name in names]

    is_web, is_db, is_lb, is_replica = host in web, host in db, host in lb, host in replicas
    public = is_lb or (is_web and not lb)
    primary_db = db[0] if db else ""
    db_host = host if is_db else primary_db
    # Only the app reads the database's address: a host that runs none may lack it (outside --limit).
    remote_db = is_web and bool(db_host) and db_host != host

    firewall_ports = []
    if public:
        firewall_ports += [{"port": "80", "comment": "http"}, {"port": "443", "comment": "https"}]
    if is_web and lb:
        firewall_ports.append({"port": "80", "comment": "http from the balancer", "from": [address(name) for name in lb]})
    # A standby admits the web hosts too: after a failover it is their database.
    clients = [name for name in remote_web + replicas if name != host] if is_db or is_replica else []
    if clients:
        firewall_ports.append({"port": "5432", "comment": "postgresql from the web hosts and standbys",
                               "from": [address(name) for name in clients]})

    serves_network = (is_db or is_replica) and bool(remote_web or replicas)
    return {
        "web": is_web,
        "db": is_db,
        "lb": is_lb,
        "replica": is_replica,
        "public": public,
        "balancers": lb,
        "replicas": replicas,
        "remote_web": remote_web,
        "primary_db": primary_db,
        "db_host": db_host,
        "db_address": address(db_host) if remote_db else "",
        "db_certificate": certificate(db_host) if remote_db else "",
        "firewall_ports": firewall_ports,
        "postgresql_listen_addresses": ["localhost"] + ([address(host)] if serves_network else []),
        "postgresql_hba_networks": networks(remote_web) if is_db or is_replica else [],
        "postgresql_replication_networks": networks(replicas) if is_db else [],
        "postgresql_primary_address": address(primary_db) if is_replica and primary_db else "",
        "primary_certificate": certificate(primary_db) if is_replica and primary_db else "",
        "haproxy_backends": [{"name": name, "address": address(name)} for name in web] if is_lb else [],
        "trusted_proxies": [address(name) for name in lb] if is_web else [],
    }


class FilterModule:
    def filters(self):
        return {"site_topology": site_topology, "site_topology_problems": site_topology_problems}
