// Each test starts a broker and several host processes; on two cores they run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
