"""Report the version of a package installed into the step's container."""
PACKAGES_TO_INSTALL = ["packaging"]


def package_version(package: str = "packaging") -> str:
    from importlib.metadata import version
    found = version(package)
    print(f"{package} {found}")
    return found
