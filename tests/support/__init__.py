"""Test support shared by several test folders: the loopback fake outlet (:mod:`tests.support.outlet`)."""
