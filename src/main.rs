//! `reportlint` binary: parse, run, exit. All work is in the library and `cli`.
#![allow(clippy::print_stderr, clippy::print_stdout)]

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    miette::set_hook(Box::new(|_| {
        let color = std::io::IsTerminal::is_terminal(&std::io::stderr())
            && std::env::var_os("NO_COLOR").is_none();
        Box::new(reportlint::render::diagnostic::Handler::new(
            color,
            cli::stderr_width(),
            1,
        ))
    }))
    .ok();
    match cli::parse() {
        Ok(cli) => cli::run(cli),
        Err(code) => code,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn command_is_well_formed() {
        super::cli::command().debug_assert();
    }
}
