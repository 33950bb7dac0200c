"""The site's wiring for every inventory shape, computed by playbooks/filter_plugins/topology.py (which
group_vars/all and preflight use) and compared with values written out here: a wiring mistake shows in
a second, not after a 20-minute cluster scenario."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from ansible.inventory.manager import InventoryManager
from ansible.parsing.dataloader import DataLoader

REPO = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("topology", REPO / "playbooks/filter_plugins/topology.py")
topology = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(topology)


def groups_of(inventory: str) -> dict:
    """The groups of one of the project's inventories, as Ansible reads them."""
    manager = InventoryManager(loader=DataLoader(), sources=[str(REPO / inventory)])
    return {name: members for name, members in manager.get_groups_dict().items() if name != "all"}


def hostvars_for(groups: dict, addresses: dict) -> dict:
    """What the filter reads of other hosts: each host's private address; a database host's certificate."""
    databases = set(groups.get("db", [])) | set(groups.get("db_replica", []))
    return {host: {"site_private_address": address,
                   **({"postgresql_server_certificate": f"CERT {host}"} if host in databases else {})}
            for host, address in addresses.items()}


def host(**values) -> dict:
    """A host's expected wiring: what is written out, the rest that of a host with no part in the site."""
    return {"web": False, "db": False, "lb": False, "replica": False, "public": False,
            "balancers": [], "replicas": [], "remote_web": [], "primary_db": "", "db_host": "",
            "db_address": "", "db_certificate": "", "firewall_ports": [],
            "postgresql_listen_addresses": ["localhost"], "postgresql_hba_networks": [],
            "postgresql_replication_networks": [], "postgresql_primary_address": "", "primary_certificate": "",
            "haproxy_backends": [], "trusted_proxies": [], **values}


PUBLIC = [{"port": "80", "comment": "http"}, {"port": "443", "comment": "https"}]


def from_balancer(*addresses) -> dict:
    return {"port": "80", "comment": "http from the balancer", "from": list(addresses)}


def postgresql_from(*addresses) -> dict:
    return {"port": "5432", "comment": "postgresql from the web hosts and standbys", "from": list(addresses)}


def single_server(name: str) -> dict:
    return host(web=True, db=True, public=True, primary_db=name, db_host=name, firewall_ports=PUBLIC)


CLUSTER_GROUPS = {"lb": ["lb1"], "web": ["web1", "web2"], "db": ["db1"], "db_replica": ["db2"]}
CLUSTER_ADDRESSES = {"lb1": "10.0.0.10", "web1": "10.0.0.11", "web2": "10.0.0.12", "db1": "10.0.0.20", "db2": "10.0.0.21"}
CLUSTER_COMMON = {"balancers": ["lb1"], "replicas": ["db2"], "remote_web": ["web1", "web2"], "primary_db": "db1", "db_host": "db1"}


def cluster_web(address: str) -> dict:
    return host(web=True, **CLUSTER_COMMON, db_address="10.0.0.20", db_certificate="CERT db1",
                firewall_ports=[from_balancer("10.0.0.10")], trusted_proxies=["10.0.0.10"])


SHAPES = {
    "inventory/demo": (None, {"demo-vps": "172.17.0.2"}, {"demo-vps": single_server("demo-vps")}),
    "inventory/production": (None, {"vps1": "10.0.0.5"}, {"vps1": single_server("vps1")}),
    "inventory/production-cluster": (None, CLUSTER_ADDRESSES, {
        "lb1": host(lb=True, public=True, **CLUSTER_COMMON, firewall_ports=PUBLIC,
                    haproxy_backends=[{"name": "web1", "address": "10.0.0.11"}, {"name": "web2", "address": "10.0.0.12"}]),
        "web1": cluster_web("10.0.0.11"),
        "web2": cluster_web("10.0.0.12"),
        "db1": host(db=True, **CLUSTER_COMMON,
                    firewall_ports=[postgresql_from("10.0.0.11", "10.0.0.12", "10.0.0.21")],
                    postgresql_listen_addresses=["localhost", "10.0.0.20"],
                    postgresql_hba_networks=["10.0.0.11/32", "10.0.0.12/32"],
                    postgresql_replication_networks=["10.0.0.21/32"]),
        # A standby admits the web hosts already: after a failover it is their database.
        "db2": host(replica=True, **CLUSTER_COMMON,
                    firewall_ports=[postgresql_from("10.0.0.11", "10.0.0.12")],
                    postgresql_listen_addresses=["localhost", "10.0.0.21"],
                    postgresql_hba_networks=["10.0.0.11/32", "10.0.0.12/32"],
                    postgresql_primary_address="10.0.0.20", primary_certificate="CERT db1"),
    }),
    # One server with a hot standby: the app uses the local socket, the standby replicates over the network.
    "one server and a standby": ({"web": ["s1"], "db": ["s1"], "db_replica": ["r1"]}, {"s1": "10.0.0.5", "r1": "10.0.0.6"}, {
        "s1": host(web=True, db=True, public=True, replicas=["r1"], primary_db="s1", db_host="s1",
                   firewall_ports=PUBLIC + [postgresql_from("10.0.0.6")],
                   postgresql_listen_addresses=["localhost", "10.0.0.5"],
                   postgresql_replication_networks=["10.0.0.6/32"]),
        "r1": host(replica=True, replicas=["r1"], primary_db="s1", db_host="s1",
                   postgresql_listen_addresses=["localhost", "10.0.0.6"],
                   postgresql_primary_address="10.0.0.5", primary_certificate="CERT s1"),
    }),
    # Two web hosts without a balancer (DNS names both): each is public and reaches the database host over TLS.
    "two web hosts, no balancer": ({"web": ["w1", "w2"], "db": ["d1"]}, {"w1": "10.0.0.11", "w2": "10.0.0.12", "d1": "10.0.0.20"}, {
        "w1": host(web=True, public=True, remote_web=["w1", "w2"], primary_db="d1", db_host="d1",
                   db_address="10.0.0.20", db_certificate="CERT d1", firewall_ports=PUBLIC),
        "w2": host(web=True, public=True, remote_web=["w1", "w2"], primary_db="d1", db_host="d1",
                   db_address="10.0.0.20", db_certificate="CERT d1", firewall_ports=PUBLIC),
        "d1": host(db=True, remote_web=["w1", "w2"], primary_db="d1", db_host="d1",
                   firewall_ports=[postgresql_from("10.0.0.11", "10.0.0.12")],
                   postgresql_listen_addresses=["localhost", "10.0.0.20"],
                   postgresql_hba_networks=["10.0.0.11/32", "10.0.0.12/32"]),
    }),
    # The balancer on the database host: one host is public on 443 and private on 5432.
    "balancer on the database host": ({"lb": ["d1"], "web": ["w1", "w2"], "db": ["d1"]},
                                      {"w1": "10.0.0.11", "w2": "10.0.0.12", "d1": "10.0.0.20"}, {
        "d1": host(lb=True, db=True, public=True, balancers=["d1"], remote_web=["w1", "w2"], primary_db="d1", db_host="d1",
                   firewall_ports=PUBLIC + [postgresql_from("10.0.0.11", "10.0.0.12")],
                   postgresql_listen_addresses=["localhost", "10.0.0.20"],
                   postgresql_hba_networks=["10.0.0.11/32", "10.0.0.12/32"],
                   haproxy_backends=[{"name": "w1", "address": "10.0.0.11"}, {"name": "w2", "address": "10.0.0.12"}]),
        "w1": host(web=True, balancers=["d1"], remote_web=["w1", "w2"], primary_db="d1", db_host="d1",
                   db_address="10.0.0.20", db_certificate="CERT d1",
                   firewall_ports=[from_balancer("10.0.0.20")], trusted_proxies=["10.0.0.20"]),
        "w2": host(web=True, balancers=["d1"], remote_web=["w1", "w2"], primary_db="d1", db_host="d1",
                   db_address="10.0.0.20", db_certificate="CERT d1",
                   firewall_ports=[from_balancer("10.0.0.20")], trusted_proxies=["10.0.0.20"]),
    }),
    # Two independent single-server sites in one inventory: each uses its own database, the first
    # host of db is the one a standby would follow.
    "two single servers": ({"web": ["s1", "s2"], "db": ["s1", "s2"]}, {"s1": "10.0.0.5", "s2": "10.0.0.6"}, {
        "s1": single_server("s1"),
        "s2": host(web=True, db=True, public=True, primary_db="s1", db_host="s2", firewall_ports=PUBLIC),
    }),
}


@pytest.mark.parametrize("shape", SHAPES)
def test_every_host_gets_its_part_of_the_site(shape):
    groups, addresses, expected = SHAPES[shape]
    groups = groups if groups is not None else groups_of(shape)
    hostvars = hostvars_for(groups, addresses)
    assert topology.site_topology_problems(groups, "10.0.0.0/24") == []
    assert set(expected) == {member for members in groups.values() for member in members}
    for name, values in expected.items():
        assert topology.site_topology(name, groups, hostvars) == values, name


def test_a_database_host_that_has_not_run_yet_gives_no_certificate():
    groups = {"web": ["w1"], "db": ["d1"]}
    hostvars = {"w1": {"site_private_address": "10.0.0.11"}, "d1": {"site_private_address": "10.0.0.20"}}
    assert topology.site_topology("w1", groups, hostvars)["db_certificate"] == ""


def test_only_the_addresses_a_host_needs_are_read():
    # A host whose facts were never gathered (outside --limit) must not be read for an unrelated value.
    class OnlyThese(dict):
        def __getitem__(self, name):
            if name not in self:
                raise AssertionError(f"read {name}")
            return dict.__getitem__(self, name)

    groups = {"lb": ["b1"], "web": ["w1"], "db": ["d1"]}
    site = topology.site_topology("b1", groups, OnlyThese({"w1": {"site_private_address": "10.0.0.11"}}))
    assert site["haproxy_backends"] == [{"name": "w1", "address": "10.0.0.11"}]


@pytest.mark.parametrize(("groups", "network", "message"), [
    ({"web": ["w1"], "db": []}, "10.0.0.0/24", "w1 in web is not in db, and the db group is empty"),
    ({"web": ["w1", "w2"], "db": []}, "10.0.0.0/24", "w1, w2 in web are not in db"),
    ({"web": ["w1"], "db": ["d1", "d2"]}, "10.0.0.0/24",
     "The db group has 2 hosts (d1, d2): web hosts without a database of their own (w1) need exactly one"),
    ({"lb": ["b1"], "web": [], "db": ["d1"]}, "10.0.0.0/24", "The lb group has hosts (b1) but web has none for it to balance"),
    ({"db": ["d1"]}, "", "The inventory has no host in the web group"),
    ({"web": ["w1"], "db": ["d1"]}, "", "but site_private_network is not set"),
    ({"lb": ["b1"], "web": ["w1"], "db": ["w1"]}, "", "but site_private_network is not set"),
    ({"web": ["w1"], "db": ["w1"], "db_replica": ["r1"]}, "", "but site_private_network is not set"),
    ({"web": ["w1"], "db": ["w1"], "db_replica": ["w1"]}, "10.0.0.0/24", "must be in neither db nor web"),
    ({"web": ["w1"], "db": [], "db_replica": ["r1"]}, "10.0.0.0/24", "need exactly one host in db to follow"),
])
def test_groups_that_make_no_site_are_named(groups, network, message):
    problems = topology.site_topology_problems(groups, network)
    assert any(message in problem for problem in problems), problems


@pytest.mark.parametrize("groups", [
    {"web": ["w1"], "db": ["w1"]},
    {"web": ["w1", "w2"], "db": ["w1", "w2"]},
    {"lb": ["b1"], "web": ["w1", "w2"], "db": ["d1"], "db_replica": ["r1", "r2"]},
])
def test_groups_that_make_a_site_have_no_problem(groups):
    network = "" if set(groups["web"]) <= set(groups["db"]) else "10.0.0.0/24"
    assert topology.site_topology_problems(groups, network) == []
