fn main() {
    std::process::exit(pxfw::run());
}
