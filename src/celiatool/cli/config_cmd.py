"""`celiatool config`: show, get, set, unset, path."""

from typing import Annotated, Any

import typer

from celiatool import config
from celiatool.cli.base import JsonOpt, command, new_group
from celiatool.cli.output import err, out, print_json
from celiatool.i18n import N_, _

app = new_group(N_("Show and change your settings (config.toml)."))


def _plain(value: Any) -> str:
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


@command(app, "show", N_("Show the settings that are set."))
def show(as_json: JsonOpt = False) -> None:
    cfg = config.load()
    values = cfg.flat()
    if as_json:
        print_json(values)
        return
    if not values:
        err(_("No settings yet. Set one with: celiatool config set KEY VALUE"))
        return
    for key, value in values.items():
        out(f"{key} = {_plain(value)}")


@command(app, "get", N_("Print the value of one setting (nothing if it is unset)."))
def get(
    key: Annotated[
        str, typer.Argument(metavar="KEY", help=N_("The setting, e.g. name or links.chat."))
    ],
    as_json: JsonOpt = False,
) -> None:
    config.key_spec(key)
    value = config.load().get(key)
    if as_json:
        print_json(value)
    elif value is not None:
        out(_plain(value))


@command(app, "set", N_("Set a setting; the value is checked first."))
def set_(
    key: Annotated[
        str, typer.Argument(metavar="KEY", help=N_("The setting, e.g. name or links.chat."))
    ],
    value: Annotated[str, typer.Argument(metavar="VALUE", help=N_("The new value."))],
) -> None:
    stored = config.set_value(key, value)
    err(_("{key} is now {value}.").format(key=key, value=_plain(stored)))


@command(app, "unset", N_("Remove a setting, so its default applies again."))
def unset(
    key: Annotated[str, typer.Argument(metavar="KEY", help=N_("The setting to remove."))],
) -> None:
    if config.unset_value(key):
        err(_("{key} removed.").format(key=key))
    else:
        err(_("{key} was not set.").format(key=key))


@command(app, "path", N_("Print the path of the config file (it may not exist yet)."))
def path() -> None:
    from celiatool import paths

    out(str(paths.config_file()))


@command(app, "keys", N_("List the settings celiatool knows, with what each is for."))
def keys(as_json: JsonOpt = False) -> None:
    items = {name: _(spec.help) for name, spec in config.KEYS.items()}
    items["links.NAME"] = _("address of one link (see `celiatool links`)")
    if as_json:
        print_json(items)
        return
    width = max(len(k) for k in items)
    for name, text in items.items():
        out(f"{name:<{width}}  {text}")
